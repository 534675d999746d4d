package io.fleetwire.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.testsupport.store.CommandStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

class SqliteCommandStoreTest extends CommandStoreContract {
  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("fleetwire.db");
  }

  private SqliteTelemetryStore telemetry;

  @Override
  protected CommandStore newStore() {
    telemetry = SqliteTelemetryStore.open(file());
    return new SqliteCommandStore(telemetry);
  }

  @AfterEach
  void close() {
    telemetry.close();
  }

  @Test
  void commandsSurviveReopeningTheFile() {
    DeviceCommand getinfo = command(IMEI, "getinfo", T0);
    store.create(getinfo);
    telemetry.close();

    store = newStore();

    assertEquals(Optional.of(getinfo), store.get(IMEI, getinfo.id()));
  }

  @Test
  void aVersion1FileGetsTheCommandsTableAndKeepsItsRecords() throws Exception {
    telemetry.close();
    try (Connection v1 = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = v1.createStatement()) {
      // What a version 1 store left: its tables, a record, no commands table.
      statement.execute("DROP TABLE commands");
      statement.execute("INSERT INTO records VALUES ('r1', '" + IMEI + "', 1, 0, '{}')");
      statement.execute("PRAGMA user_version = 1");
    }

    store = newStore();
    DeviceCommand getver = command(IMEI, "getver", T0);
    store.create(getver);

    assertEquals(List.of(getver), store.queued(IMEI));
    try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = check.createStatement()) {
      try (ResultSet version = statement.executeQuery("PRAGMA user_version")) {
        assertEquals(SqliteSchema.VERSION, version.getInt(1));
      }
      try (ResultSet records = statement.executeQuery("SELECT count(*) FROM records")) {
        assertEquals(1, records.getInt(1));
      }
    }
  }
}
