package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.FleetQueriesContract;

import java.time.Clock;

/** The fleet queries of the Cosmos store through the real client against the Cosmos server, on the declared containers. */
class CosmosFleetQueriesContractTest extends FleetQueriesContract {
  @Override
  protected TelemetryStore newStore(Clock clock) {
    return CosmosServerDatabase.create().telemetryStore(clock);
  }
}
