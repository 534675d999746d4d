package io.fleetwire.local.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory written by schema version 1 (whole record JSON as body) opens and reads the same. */
class SqliteVersion1FileTest {
  private static final String IMEI = "356307042441013";

  @TempDir
  Path dir;

  @Test
  void recordsStoredWithWholeJsonBodiesReadBackUnchanged() throws Exception {
    Path file = dir.resolve("fleetwire.db");
    SqliteTelemetryStore.open(file).close();
    Instant ts = Instant.parse("2026-11-20T10:00:00.123Z");
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(66, 12_800L);
    io.put(239, 1L);
    Record old = new Record(RecordId.of(IMEI, ts, new byte[] {1}), IMEI, ts, ts.plusSeconds(1), 54.6872, 25.2797,
        120, 90, 60, 9, 1, 0, null, io, new TreeMap<>(), IoDictionary.fmb().sensors(io));
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         PreparedStatement insert = connection.prepareStatement(
             "INSERT INTO records (id, imei, ts, event, body) VALUES (?, ?, ?, 0, ?)");
         Statement statement = connection.createStatement()) {
      insert.setString(1, old.id());
      insert.setString(2, IMEI);
      insert.setLong(3, ts.toEpochMilli());
      insert.setString(4, Json.mapper().writeValueAsString(old));
      insert.executeUpdate();
      statement.execute("PRAGMA user_version = 1");
    }
    try (SqliteTelemetryStore store = SqliteTelemetryStore.open(file)) {
      assertEquals(List.of(old), store.positions(IMEI, ts.minusSeconds(60), ts.plusSeconds(60), 10, null).items());
    }
    assertEquals(SqliteSchema.VERSION, userVersion(file));
  }

  /** The schema version the file records. */
  static int userVersion(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement statement = connection.createStatement();
         ResultSet version = statement.executeQuery("PRAGMA user_version")) {
      version.next();
      return version.getInt(1);
    }
  }
}
