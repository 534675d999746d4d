package io.fleetwire.testsupport.store;

import io.fleetwire.contract.store.TelemetryStore;

import java.time.Clock;

class InMemoryFleetQueriesTest extends FleetQueriesContract {
  @Override
  protected TelemetryStore newStore(Clock clock) {
    return new InMemoryTelemetryStore(clock);
  }
}
