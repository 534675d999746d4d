package io.fleetwire.local.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of the SQLite store, versioned with {@code PRAGMA user_version}. Records keep the
 * queried fields as columns (device, time in epoch milliseconds, event id) and the rest as a
 * {@link RecordBody}. Version 2 changed only the body (no longer the whole record JSON); version-1
 * files are upgraded by their number alone, since their bodies stay readable. Version 3 adds the
 * commands table, version 4 the table of device messages (their whole JSON as the body); older
 * files gain the tables in place and keep every record readable. A device row points at its latest record by id, so moving the latest state
 * forward rewrites a few bytes, not a copy of the record.
 *
 * <p>One unique index on (imei, ts, id) serves both the range queries and idempotence: a record id
 * ({@code RecordId}) embeds the IMEI and the record time, so the same id always comes with the
 * same (imei, ts) and uniqueness of the triple is uniqueness of the id, at the cost of one B-tree
 * per insert instead of two. (A {@code WITHOUT ROWID} table keyed by the triple measured slower:
 * its rows, a few hundred bytes each, land all over the key order, where a rowid table appends.)
 */
final class SqliteSchema {
  static final int VERSION = 4;

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

  private SqliteSchema() {
  }

  /**
   * Creates the tables in a new file and adds those of later versions to an older file; refuses a
   * file written by a newer schema. Commits.
   */
  static void apply(Connection connection) throws SQLException {
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
      if (version < VERSION) {
        statement.execute("PRAGMA user_version = " + VERSION);
      }
      connection.commit();
    }
  }
}
