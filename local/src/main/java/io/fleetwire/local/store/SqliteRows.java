package io.fleetwire.local.store;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of the SQLite tables to and from the port's types: records as columns and a {@link RecordBody}, instants as epoch ms. */
final class SqliteRows {
  /** A device's state ({@link #device(ResultSet)}) and, as column 8, its change time. */
  static final String DEVICE_COLUMNS = "SELECT d.imei, d.name, d.registered, d.last_seen, r.id, r.ts, r.body,"
      + " d.changed_at FROM devices d LEFT JOIN records r ON r.imei = d.imei AND r.ts = d.last_ts AND r.id = d.last_id";
  /** The columns {@link #records} reads, in its order. */
  static final String RECORD_COLUMNS = "id, imei, ts, body";
  private static final RecordBody BODY = new RecordBody(IoDictionary.fmb());

  private SqliteRows() {
  }

  static Optional<DeviceState> device(Connection connection, String imei) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(DEVICE_COLUMNS + " WHERE d.imei = ?")) {
      query.setString(1, imei);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? Optional.of(device(rs)) : Optional.empty();
      }
    }
  }

  static DeviceState device(ResultSet rs) throws SQLException {
    long lastSeen = rs.getLong(4);
    Instant seen = rs.wasNull() ? null : Instant.ofEpochMilli(lastSeen);
    String lastId = rs.getString(5);
    return new DeviceState(rs.getString(1), rs.getString(2), rs.getInt(3) == 1, seen,
        lastId == null ? null : BODY.read(lastId, rs.getString(1), rs.getLong(6), rs.getString(7)));
  }

  static List<Record> records(PreparedStatement query) throws SQLException {
    try (ResultSet rs = query.executeQuery()) {
      List<Record> records = new ArrayList<>();
      while (rs.next()) {
        records.add(BODY.read(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
      }
      return records;
    }
  }

  static String body(Record record) {
    return BODY.write(record);
  }

  /** The millisecond holding {@code instant}: a device changed after it changed after that millisecond. */
  static long floorMillis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Records are kept to the millisecond; a bound inside a millisecond starts at the next one. */
  static long ceilMillis(Instant instant) {
    try {
      long millis = instant.toEpochMilli();
      return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
