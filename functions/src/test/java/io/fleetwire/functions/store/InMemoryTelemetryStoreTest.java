package io.fleetwire.functions.store;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.TelemetryStoreContract;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;

class InMemoryTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore newStore() {
    return new InMemoryTelemetryStore();
  }
}
