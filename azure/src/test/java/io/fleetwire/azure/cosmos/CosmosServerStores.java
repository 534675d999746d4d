package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Clock;

/**
 * Stores on a fresh database of the test JVM's Cosmos server, handed out as their ports: tests in
 * other modules use them without importing an Azure SDK.
 */
public final class CosmosServerStores {
  private CosmosServerStores() {
  }

  /** A {@link CosmosFleetDayStore} in the declared {@code dailyReports} container of a new database. */
  public static FleetDayStore fleetDayStore() {
    return new CosmosFleetDayStore(CosmosServerDatabase.create().container(CosmosFleetDayStore.DAILY_REPORTS),
        CosmosServerDatabase.TIMEOUT);
  }

  /** The telemetry and alert stores of one new database; {@code clock} times the changes to devices. */
  public record Fleet(TelemetryStore telemetry, AlertStore alerts) {
  }

  public static Fleet fleet(Clock clock) {
    CosmosServerDatabase database = CosmosServerDatabase.create();
    return new Fleet(database.telemetryStore(clock), new CosmosAlertStore(database.database(),
        CosmosServerDatabase.TIMEOUT));
  }
}
