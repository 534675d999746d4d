package io.fleetwire.local.store;

import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.testsupport.store.AlertStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqliteAlertStoreTest extends AlertStoreContract {
  @TempDir
  Path dir;

  private SqliteTelemetryStore telemetry;

  @Override
  protected AlertStore newStore() {
    telemetry = SqliteTelemetryStore.open(dir.resolve("fleetwire.db"));
    return new SqliteAlertStore(telemetry);
  }

  @AfterEach
  void close() {
    telemetry.close();
  }

  @Test
  void rulesAlertsAndPendingDeliveriesSurviveARestart() {
    telemetry.close();
    AlertStore first = newStore();
    AlertRule rule = new AlertRule("cold", "reefer warm", AlertKind.TEMPERATURE_ABOVE, null, 8.0, 600, null, null);
    Alert open = new Alert("a1", "cold", IMEI, AlertKind.TEMPERATURE_ABOVE, T0, 9.5, null, null, AlertStatus.OPEN, null);
    first.createRule(rule);
    first.apply(List.of(), List.of(open), T0);
    first.attempted("a1:open", false, T0.plusSeconds(10), "HTTP 503");
    telemetry.close();

    AlertStore reopened = newStore();

    assertEquals(List.of(rule), reopened.rules());
    assertEquals(List.of(open), reopened.openAlerts(10));
    AlertDelivery pending = reopened.dueDeliveries(T0.plusSeconds(10), 10).get(0);
    assertEquals("a1:open", pending.id());
    assertEquals(1, pending.attempts());
  }
}
