package io.fleetwire.local.store;

import io.fleetwire.contract.store.DeviceState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of the SQLite store, versioned with {@code PRAGMA user_version}. Records keep the
 * queried fields as columns (device, time in epoch milliseconds, event id) and the rest as a
 * {@link RecordBody}. Version 2 changed only the body (no longer the whole record JSON); version-1
 * files are upgraded by their number alone, since their bodies stay readable. Version 3 adds the
 * commands table, version 4 the table of device messages (their whole JSON as the body); older
 * files gain the tables in place and keep every record readable. A device row points at its latest
 * record by id, so moving the latest state forward rewrites a few bytes, not a copy of the record.
 * Version 5 adds to each device row the {@link FleetColumns} of its latest record and the time the
 * store last changed it, with the indexes of the fleet queries ({@link SqliteFleetQueries}); an
 * older file gains them in place, filled from each device's latest record.
 *
 * <p>One unique index on (imei, ts, id) serves both the range queries and idempotence: a record id
 * ({@code RecordId}) embeds the IMEI and the record time, so the same id always comes with the
 * same (imei, ts) and uniqueness of the triple is uniqueness of the id, at the cost of one B-tree
 * per insert instead of two. (A {@code WITHOUT ROWID} table keyed by the triple measured slower:
 * its rows, a few hundred bytes each, land all over the key order, where a rowid table appends.)
 */
final class SqliteSchema {
  static final int VERSION = 5;
  private static final int FILL_BATCH = 1000;

  private static final List<String> VERSION_1 = List.of(
      """
      CREATE TABLE records (
        id    TEXT NOT NULL,
        imei  TEXT NOT NULL,
        ts    INTEGER NOT NULL,
        event INTEGER NOT NULL,
        body  TEXT NOT NULL
      )""",
      "CREATE UNIQUE INDEX records_by_device_time ON records (imei, ts, id)",
      """
      CREATE TABLE devices (
        imei        TEXT PRIMARY KEY,
        name        TEXT,
        registered  INTEGER NOT NULL DEFAULT 0,
        last_seen   INTEGER,
        last_ts     INTEGER,
        last_id     TEXT
      )""",
      """
      CREATE TABLE rejected (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        id     TEXT NOT NULL UNIQUE,
        at     INTEGER NOT NULL,
        imei   TEXT,
        reason TEXT NOT NULL,
        body   TEXT
      )""");

  /**
   * Version 3, device commands (DESIGN "HTTP API"): status as a column for the queue and
   * compare-and-set. {@code IF NOT EXISTS}: re-applying an upgrade to a file that has them is harmless.
   */
  private static final List<String> VERSION_3 = List.of(
      """
      CREATE TABLE IF NOT EXISTS commands (
        id         TEXT PRIMARY KEY,
        imei       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status     TEXT NOT NULL,
        body       TEXT NOT NULL
      )""",
      "CREATE INDEX IF NOT EXISTS commands_by_device ON commands (imei, created_at)");

  /** Version 4, device messages: queried by device and time like records, idempotent by id. */
  private static final List<String> VERSION_4 = List.of(
      """
      CREATE TABLE IF NOT EXISTS messages (
        id    TEXT NOT NULL,
        imei  TEXT NOT NULL,
        ts    INTEGER NOT NULL,
        body  TEXT NOT NULL
      )""",
      "CREATE UNIQUE INDEX IF NOT EXISTS messages_by_device_time ON messages (imei, ts, id)");

  /**
   * Version 5, the fleet: tiles are ranges of {@code qk} (the index also holds the position, so a
   * tile's count and mean position never touch the rows), changes are listed in
   * {@code (changed_at, imei)} order, and the online and moving counts are ranges of
   * {@code last_seen}. A new file takes the same path as an upgrade; columns a file already has
   * are not added again, so re-applying the upgrade is harmless.
   */
  private static final Map<String, String> VERSION_5_COLUMNS = new LinkedHashMap<>();

  static {
    VERSION_5_COLUMNS.put("qk", "TEXT");
    VERSION_5_COLUMNS.put("lat", "REAL");
    VERSION_5_COLUMNS.put("lon", "REAL");
    VERSION_5_COLUMNS.put("moving", "INTEGER NOT NULL DEFAULT 0");
    VERSION_5_COLUMNS.put("changed_at", "INTEGER NOT NULL DEFAULT 0");
  }

  /** The indexes, and the number of devices kept by triggers so the summary never counts them. */
  private static final List<String> VERSION_5_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS devices_by_tile ON devices (qk, lat, lon)",
      "CREATE INDEX IF NOT EXISTS devices_by_change ON devices (changed_at, imei)",
      "CREATE INDEX IF NOT EXISTS devices_by_seen ON devices (last_seen, moving)",
      "CREATE TABLE IF NOT EXISTS fleet_size (id INTEGER PRIMARY KEY CHECK (id = 1), devices INTEGER NOT NULL)",
      "INSERT OR REPLACE INTO fleet_size (id, devices) SELECT 1, count(*) FROM devices",
      """
      CREATE TRIGGER IF NOT EXISTS fleet_size_added AFTER INSERT ON devices
      BEGIN UPDATE fleet_size SET devices = devices + 1; END""",
      """
      CREATE TRIGGER IF NOT EXISTS fleet_size_forgotten AFTER DELETE ON devices
      BEGIN UPDATE fleet_size SET devices = devices - 1; END""");

  private SqliteSchema() {
  }

  /**
   * Creates the tables in a new file and adds those of later versions to an older file; refuses a
   * file written by a newer schema. Commits.
   *
   * @param now the store's clock in epoch ms: the change time of devices an upgrade finds never seen
   */
  static void apply(Connection connection, long now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      int version;
      try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > VERSION) {
        throw new IllegalStateException("database schema version " + version
            + " is newer than this Fleetwire understands (" + VERSION + ")");
      }
      if (version < 1) {
        for (String ddl : VERSION_1) {
          statement.execute(ddl);
        }
      }
      if (version < 3) {
        for (String ddl : VERSION_3) {
          statement.execute(ddl);
        }
      }
      if (version < 4) {
        for (String ddl : VERSION_4) {
          statement.execute(ddl);
        }
      }
      if (version < 5) {
        Set<String> present = new HashSet<>();
        try (ResultSet rs = statement.executeQuery("PRAGMA table_info(devices)")) {
          while (rs.next()) {
            present.add(rs.getString("name"));
          }
        }
        for (Map.Entry<String, String> column : VERSION_5_COLUMNS.entrySet()) {
          if (!present.contains(column.getKey())) {
            statement.execute("ALTER TABLE devices ADD COLUMN " + column.getKey() + " " + column.getValue());
          }
        }
        for (String ddl : VERSION_5_INDEXES) {
          statement.execute(ddl);
        }
        fillFleetColumns(connection, now);
      }
      if (version < VERSION) {
        statement.execute("PRAGMA user_version = " + VERSION);
      }
      connection.commit();
    }
  }

  /**
   * Fills the version-5 columns of the devices an older file holds: from each device's latest
   * record, and its change time from when it was last seen (the upgrade's time if never).
   */
  private static void fillFleetColumns(Connection connection, long now) throws SQLException {
    try (PreparedStatement changed = connection.prepareStatement(
        "UPDATE devices SET changed_at = coalesce(last_seen, ?)")) {
      changed.setLong(1, now);
      changed.executeUpdate();
    }
    // a thousand devices at a time, so a large file is upgraded in bounded memory
    try (PreparedStatement query = connection.prepareStatement(SqliteRows.DEVICE_COLUMNS
             + " WHERE d.imei > ? AND d.last_id IS NOT NULL ORDER BY d.imei LIMIT " + FILL_BATCH);
         PreparedStatement fill = connection.prepareStatement(
             "UPDATE devices SET qk = ?, lat = ?, lon = ?, moving = ? WHERE imei = ?")) {
      String after = "";
      List<DeviceState> batch;
      do {
        batch = new ArrayList<>();
        query.setString(1, after);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            batch.add(SqliteRows.device(rs));
          }
        }
        for (DeviceState device : batch) {
          int next = FleetColumns.of(device.last()).bind(fill, 1);
          fill.setString(next, device.imei());
          fill.addBatch();
          after = device.imei();
        }
        fill.executeBatch();
      } while (batch.size() == FILL_BATCH);
    }
  }
}
