package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.TelemetryStoreContract;

/** The Cosmos store through the real client against the Cosmos server, on the declared containers. */
class CosmosTelemetryStoreContractTest extends TelemetryStoreContract {
  private CosmosServerDatabase database;

  @Override
  protected TelemetryStore newStore() {
    database = CosmosServerDatabase.create();
    return database.telemetryStore();
  }

  @Override
  protected TelemetryStore reopen(TelemetryStore store) {
    store.close();
    return database.telemetryStore();
  }
}
