package io.fleetwire.local.store;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.FleetQueriesContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class SqliteFleetQueriesTest extends FleetQueriesContract {
  @TempDir
  Path dir;

  @Override
  protected TelemetryStore newStore(Clock clock) {
    return SqliteTelemetryStore.open(dir.resolve("fleetwire.db"), SqliteTelemetryStore.Synchronous.NORMAL, clock);
  }
}
