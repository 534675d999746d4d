package io.fleetwire.local.fleet;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.api.FleetRoutesCases;
import io.fleetwire.local.store.SqliteAlertStore;
import io.fleetwire.local.store.SqliteTelemetryStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/** The fleet routes through the API over the local stack's SQLite stores. */
class SqliteFleetRoutesTest extends FleetRoutesCases {
  @TempDir
  Path dir;

  @Override
  protected TelemetryStore newStore(Clock clock) {
    return SqliteTelemetryStore.open(dir.resolve("fleetwire.db"), SqliteTelemetryStore.Synchronous.NORMAL, clock);
  }

  @Override
  protected AlertStore newAlerts(TelemetryStore store) {
    return new SqliteAlertStore((SqliteTelemetryStore) store);
  }
}
