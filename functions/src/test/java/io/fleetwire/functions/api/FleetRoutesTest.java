package io.fleetwire.functions.api;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;

import java.time.Clock;

class FleetRoutesTest extends FleetRoutesCases {

  @Override
  protected TelemetryStore newStore(Clock clock) {
    return new InMemoryTelemetryStore(clock);
  }

  @Override
  protected AlertStore newAlerts(TelemetryStore store) {
    return new InMemoryAlertStore();
  }
}
