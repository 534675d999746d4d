package io.fleetwire.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.functions.commands.CommandStoreContract;
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

  @Override
  protected CommandStore newStore() {
    return SqliteCommandStore.open(file());
  }

  @AfterEach
  void close() {
    ((SqliteCommandStore) store).close();
  }

  @Test
  void commandsSurviveReopeningTheFile() {
    DeviceCommand getinfo = command(IMEI, "getinfo", T0);
    store.create(getinfo);
    ((SqliteCommandStore) store).close();

    store = SqliteCommandStore.open(file());

    assertEquals(Optional.of(getinfo), store.get(IMEI, getinfo.id()));
  }

  @Test
  void aVersion1FileGetsTheCommandsTableAndKeepsItsRecords() throws Exception {
    ((SqliteCommandStore) store).close();
    Path old = dir.resolve("v1.db");
    try (Connection v1 = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement statement = v1.createStatement()) {
      statement.execute("CREATE TABLE records (id TEXT NOT NULL, imei TEXT NOT NULL, ts INTEGER NOT NULL,"
          + " event INTEGER NOT NULL, body TEXT NOT NULL)");
      statement.execute("INSERT INTO records VALUES ('r1', '" + IMEI + "', 1, 0, '{}')");
      statement.execute("PRAGMA user_version = 1");
    }

    store = SqliteCommandStore.open(old);
    DeviceCommand getver = command(IMEI, "getver", T0);
    store.create(getver);

    assertEquals(List.of(getver), store.queued(IMEI));
    try (Connection check = DriverManager.getConnection("jdbc:sqlite:" + old);
        Statement statement = check.createStatement();
        ResultSet version = statement.executeQuery("PRAGMA user_version")) {
      assertEquals(2, version.getInt(1));
      try (ResultSet records = statement.executeQuery("SELECT count(*) FROM records")) {
        assertEquals(1, records.getInt(1));
      }
    }
  }
}
