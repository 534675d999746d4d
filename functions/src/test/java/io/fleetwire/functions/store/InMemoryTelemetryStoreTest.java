package io.fleetwire.functions.store;

class InMemoryTelemetryStoreTest extends TelemetryStoreContract {
  @Override
  protected TelemetryStore newStore() {
    return new InMemoryTelemetryStore();
  }
}
