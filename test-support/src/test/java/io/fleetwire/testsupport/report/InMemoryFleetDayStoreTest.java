package io.fleetwire.testsupport.report;

import io.fleetwire.contract.report.FleetDayStore;

class InMemoryFleetDayStoreTest extends FleetDayStoreContract {
  @Override
  protected FleetDayStore newStore() {
    return new InMemoryFleetDayStore();
  }
}
