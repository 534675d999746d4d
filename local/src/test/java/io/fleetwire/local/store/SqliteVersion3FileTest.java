package io.fleetwire.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file written before device messages and the {@code valid} flag (schema version 3, its
 * tables and record bodies exactly as that version wrote them) opens, is upgraded in place, and
 * reads back: records stored without coordinates read as not valid, the others as positions.
 */
class SqliteVersion3FileTest {
  private static final String IMEI = "356307042441013";
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  /** The tables exactly as schema version 3 created them. */
  static final List<String> VERSION_3_TABLES = List.of(
      "CREATE TABLE records (id TEXT NOT NULL, imei TEXT NOT NULL, ts INTEGER NOT NULL, event INTEGER NOT NULL,"
          + " body TEXT NOT NULL)",
      "CREATE UNIQUE INDEX records_by_device_time ON records (imei, ts, id)",
      "CREATE TABLE devices (imei TEXT PRIMARY KEY, name TEXT, registered INTEGER NOT NULL DEFAULT 0,"
          + " last_seen INTEGER, last_ts INTEGER, last_id TEXT)",
      "CREATE TABLE rejected (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,"
          + " imei TEXT, reason TEXT NOT NULL, body TEXT)",
      "CREATE TABLE IF NOT EXISTS commands (id TEXT PRIMARY KEY, imei TEXT NOT NULL, created_at INTEGER NOT NULL,"
          + " status TEXT NOT NULL, body TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS commands_by_device ON commands (imei, created_at)");
  private static final List<String> VERSION_3_ROWS = List.of(
      // a record with a fix; one whose coordinates ingest removed (no fix); one with its own sensors
      "INSERT INTO records VALUES ('" + IMEI + "-1', '" + IMEI + "', " + T0.toEpochMilli() + ", 0,"
          + " '{\"receivedAt\":\"2026-11-20T10:00:01Z\",\"lat\":54.6872,\"lon\":25.2797,\"alt\":120,\"angle\":90,"
          + "\"speed\":60,\"sats\":9,\"priority\":1,\"event\":0,\"io\":{\"66\":12800,\"239\":1}}')",
      "INSERT INTO records VALUES ('" + IMEI + "-2', '" + IMEI + "', " + T0.plusSeconds(10).toEpochMilli() + ", 0,"
          + " '{\"receivedAt\":\"2026-11-20T10:00:11Z\",\"lat\":null,\"lon\":null,\"alt\":0,\"angle\":0,"
          + "\"speed\":0,\"sats\":0,\"priority\":0,\"event\":0,\"io\":{\"239\":0}}')",
      "INSERT INTO records VALUES ('" + IMEI + "-3', '" + IMEI + "', " + T0.plusSeconds(20).toEpochMilli() + ", 0,"
          + " '{\"lat\":54.6873,\"lon\":25.2798,\"alt\":121,\"angle\":91,\"speed\":61,\"sats\":8,\"priority\":0,"
          + "\"event\":0,\"io\":{\"72\":215},\"sensors\":{\"cargoC\":21.5}}')",
      "INSERT INTO devices VALUES ('" + IMEI + "', 'van 7', 1, " + T0.plusSeconds(21).toEpochMilli() + ", "
          + T0.plusSeconds(20).toEpochMilli() + ", '" + IMEI + "-3')",
      "PRAGMA user_version = 3");

  @TempDir
  Path dir;

  @Test
  void aVersion3FileIsUpgradedInPlaceAndEveryRecordReadsBack() throws Exception {
    Path file = dir.resolve("fleetwire.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = connection.createStatement()) {
      for (String sql : Stream.concat(VERSION_3_TABLES.stream(), VERSION_3_ROWS.stream()).toList()) {
        statement.execute(sql);
      }
    }

    try (SqliteTelemetryStore store = SqliteTelemetryStore.open(file)) {
      List<Record> records = store.positions(IMEI, T0.minusSeconds(60), T0.plusSeconds(60), 10, null).items();
      assertEquals(3, records.size());
      Record fix = records.get(0);
      assertEquals(54.6872, fix.lat());
      assertTrue(fix.hasFix());
      assertEquals(Boolean.TRUE, fix.sensors().get("ignition"));
      assertEquals(12.8, fix.sensors().get("externalVoltageV"));
      Record noFix = records.get(1);
      assertNull(noFix.lat());
      assertEquals(Boolean.FALSE, noFix.valid());
      assertFalse(noFix.hasFix());
      assertEquals(Boolean.FALSE, noFix.sensors().get("ignition"));
      assertEquals(21.5, records.get(2).sensors().get("cargoC"));
      assertEquals(records.get(2), store.device(IMEI).orElseThrow().last());

      DeviceMessage message = DeviceMessage.of(IMEI, T0, T0, 13, 6, "driver 42", null);
      store.storeMessages(List.of(message));
      assertEquals(List.of(message), store.messages(IMEI, T0.minusSeconds(1), T0.plusSeconds(1), 10, null).items());
    }
    assertEquals(SqliteSchema.VERSION, SqliteVersion1FileTest.userVersion(file));
  }
}
