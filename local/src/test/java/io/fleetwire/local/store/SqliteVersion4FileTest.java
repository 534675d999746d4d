package io.fleetwire.local.store;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A data file of schema version 4 (before the fleet columns, its tables and rows exactly as that
 * version wrote them) opens, gains the fleet columns filled from each device's latest record, and
 * answers the fleet queries at once.
 */
class SqliteVersion4FileTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final Instant UPGRADED_AT = Instant.parse("2026-11-29T06:00:00Z");
  private static final String MOVING = "356307042441001";
  private static final String AT_ZERO = "356307042441002";
  private static final String NEVER_SEEN = "356307042441003";
  private static final String NO_COORDINATES = "356307042441004";
  private static final String PARKED = "356307042441005";

  @TempDir
  Path dir;

  private static String record(String imei, int seconds, String body) {
    return "INSERT INTO records VALUES ('" + imei + "-" + seconds + "', '" + imei + "', "
        + T0.plusSeconds(seconds).toEpochMilli() + ", 0, '" + body + "')";
  }

  private static String device(String imei, String name, int registered, Integer seenSeconds, Integer lastSeconds) {
    String seen = seenSeconds == null ? "NULL" : String.valueOf(T0.plusSeconds(seenSeconds).toEpochMilli());
    String ts = lastSeconds == null ? "NULL" : String.valueOf(T0.plusSeconds(lastSeconds).toEpochMilli());
    String id = lastSeconds == null ? "NULL" : "'" + imei + "-" + lastSeconds + "'";
    String quotedName = name == null ? "NULL" : "'" + name + "'";
    return "INSERT INTO devices VALUES ('" + imei + "', " + quotedName + ", " + registered + ", " + seen + ", " + ts
        + ", " + id + ")";
  }

  /** Version 4 added the device messages to the tables of version 3. */
  private static final List<String> VERSION_4_TABLES = List.of(
      "CREATE TABLE IF NOT EXISTS messages (id TEXT NOT NULL, imei TEXT NOT NULL, ts INTEGER NOT NULL,"
          + " body TEXT NOT NULL)",
      "CREATE UNIQUE INDEX IF NOT EXISTS messages_by_device_time ON messages (imei, ts, id)");
  private static final List<String> VERSION_4_ROWS = List.of(
      // an older parked record, then the latest: moving in Vilnius
      record(MOVING, 0, "{\"receivedAt\":\"2026-11-20T10:00:01Z\",\"lat\":52.52,\"lon\":13.405,\"valid\":true,"
          + "\"alt\":30,\"angle\":0,\"speed\":0,\"sats\":9,\"priority\":0,\"event\":0,\"io\":{}}"),
      record(MOVING, 60, "{\"receivedAt\":\"2026-11-20T10:01:01Z\",\"lat\":54.6872,\"lon\":25.2797,\"valid\":true,"
          + "\"alt\":120,\"angle\":90,\"speed\":60,\"sats\":9,\"priority\":1,\"event\":0,\"io\":{\"239\":1}}"),
      record(AT_ZERO, 30, "{\"receivedAt\":\"2026-11-20T10:00:31Z\",\"lat\":0.0,\"lon\":0.0,\"valid\":false,"
          + "\"alt\":0,\"angle\":0,\"speed\":0,\"sats\":0,\"priority\":0,\"event\":0,\"io\":{}}"),
      record(NO_COORDINATES, 40, "{\"receivedAt\":\"2026-11-20T10:00:41Z\",\"lat\":null,\"lon\":null,"
          + "\"alt\":0,\"angle\":0,\"speed\":15,\"sats\":0,\"priority\":0,\"event\":0,\"io\":{}}"),
      record(PARKED, 50, "{\"receivedAt\":\"2026-11-20T10:00:51Z\",\"lat\":54.69,\"lon\":25.28,\"valid\":true,"
          + "\"alt\":100,\"angle\":180,\"speed\":0,\"sats\":7,\"priority\":0,\"event\":0,\"io\":{}}"),
      device(MOVING, "Van 1", 1, 61, 60),
      device(AT_ZERO, null, 0, 31, 30),
      device(NEVER_SEEN, "Spare", 1, null, null),
      device(NO_COORDINATES, null, 0, 41, 40),
      device(PARKED, "Van 5", 1, 51, 50),
      "PRAGMA user_version = 4");

  private Path file() throws SQLException {
    Path file = dir.resolve("fleetwire.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = connection.createStatement()) {
      for (String sql : Stream.of(SqliteVersion3FileTest.VERSION_3_TABLES, VERSION_4_TABLES, VERSION_4_ROWS)
          .flatMap(List::stream).toList()) {
        statement.execute(sql);
      }
    }
    return file;
  }

  private static SqliteTelemetryStore open(Path file) {
    return SqliteTelemetryStore.open(file, SqliteTelemetryStore.Synchronous.NORMAL,
        Clock.fixed(UPGRADED_AT, ZoneOffset.UTC));
  }

  /** Each device's fleet columns as text: imei, qk, lat, lon, moving, changed_at. */
  private static List<String> fleetColumns(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(
             "SELECT imei, qk, lat, lon, moving, changed_at FROM devices ORDER BY imei")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
            + rs.getInt(5) + " " + Instant.ofEpochMilli(rs.getLong(6)));
      }
      return rows;
    }
  }

  @Test
  void theFleetColumnsAreFilledFromEachDevicesLatestRecord() throws Exception {
    Path file = file();
    open(file).close();

    assertEquals(List.of(
        MOVING + " " + Quadkey.of(54.6872, 25.2797) + " 54.6872 25.2797 1 2026-11-20T10:01:01Z",
        AT_ZERO + " null null null 0 2026-11-20T10:00:31Z",
        NEVER_SEEN + " null null null 0 " + UPGRADED_AT,
        NO_COORDINATES + " null null null 1 2026-11-20T10:00:41Z",
        PARKED + " " + Quadkey.of(54.69, 25.28) + " 54.69 25.28 0 2026-11-20T10:00:51Z"), fleetColumns(file));
    assertEquals(SqliteSchema.VERSION, SqliteVersion1FileTest.userVersion(file));
  }

  @Test
  void anUpgradedFileAnswersTheFleetQueriesAndKeepsMovingForward() throws Exception {
    try (SqliteTelemetryStore store = open(file())) {
      assertEquals(new FleetCounts(5, 4, 2), store.fleetCounts(T0));
      assertEquals(new FleetCounts(5, 1, 1), store.fleetCounts(T0.plusSeconds(61)));
      MapCell vilnius = store.mapCells(List.of(Quadkey.of(54.69, 25.28, 10))).get(0);
      assertEquals(2, vilnius.count());
      assertEquals((54.6872 + 54.69) / 2, vilnius.lat(), 1e-9);
      assertEquals(List.of(MOVING, PARKED),
          store.devicesInTiles(List.of(""), 10).stream().map(DeviceState::imei).toList());
      assertEquals(List.of(AT_ZERO, NO_COORDINATES, PARKED, MOVING, NEVER_SEEN),
          store.devices(new DeviceQuery(null, T0), 10, null).items().stream().map(DeviceState::imei).toList());
      assertEquals(List.of(PARKED), store.devices(new DeviceQuery("van 5", null), 10, null).items().stream()
          .map(DeviceState::imei).toList());

      Instant ts = T0.plusSeconds(90);
      store.upsert(List.of(new Record(AT_ZERO + "-90", AT_ZERO, ts, ts, 54.6873, 25.2798, true, 0, 0, 20, 8, 0, 0,
          null, null, null, null)));
      assertEquals(3, store.mapCells(List.of(Quadkey.of(54.69, 25.28, 10))).get(0).count());
      assertEquals(List.of(AT_ZERO, NEVER_SEEN), store.devices(new DeviceQuery(null, UPGRADED_AT.minusMillis(1)), 10,
          null)
          .items().stream().map(DeviceState::imei).toList());
    }
  }
}
