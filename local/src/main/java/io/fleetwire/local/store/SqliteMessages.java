package io.fleetwire.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.store.Page;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code messages} table: device messages by (imei, ts in epoch ms, id), the message JSON as
 * the body. Runs inside the store's read and write connections.
 */
final class SqliteMessages {
  private static final String INSERT =
      "INSERT INTO messages (id, imei, ts, body) VALUES (?, ?, ?, ?) ON CONFLICT (imei, ts, id) DO NOTHING";

  private SqliteMessages() {
  }

  static void insert(Connection connection, List<DeviceMessage> messages, List<String> bodies) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (int i = 0; i < messages.size(); i++) {
        DeviceMessage message = messages.get(i);
        insert.setString(1, message.id());
        insert.setString(2, message.imei());
        insert.setLong(3, message.ts().toEpochMilli());
        insert.setString(4, bodies.get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  static String body(DeviceMessage message) {
    try {
      return Json.mapper().writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("device message " + message.id() + " cannot be written as JSON", e);
    }
  }

  /** One page, oldest first; the token is the (ts, id) of the last message, as for records. */
  static Page<DeviceMessage> page(Connection connection, String imei, Instant from, Instant to, int limit,
      String continuation) throws SQLException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    long fromMillis = SqliteRows.ceilMillis(from);
    PageToken after = continuation == null ? null : PageToken.parse(continuation);
    PageToken start = after != null && after.ts() >= fromMillis ? after : new PageToken(fromMillis, "");
    List<DeviceMessage> rows = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT id, body FROM messages WHERE imei = ? AND ts >= ? AND ts < ? AND (ts > ? OR id > ?)
        ORDER BY ts, id LIMIT ?""")) {
      query.setString(1, imei);
      query.setLong(2, start.ts());
      query.setLong(3, SqliteRows.ceilMillis(to));
      query.setLong(4, start.ts());
      query.setString(5, start.id());
      query.setInt(6, limit + 1);
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          rows.add(read(rs.getString(1), rs.getString(2)));
        }
      }
    }
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    DeviceMessage last = rows.get(limit - 1);
    return new Page<>(rows.subList(0, limit), last.ts().toEpochMilli() + "|" + last.id());
  }

  private static DeviceMessage read(String id, String body) {
    try {
      return Json.mapper().readValue(body, DeviceMessage.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored device message " + id + " is not readable JSON: "
          + e.getOriginalMessage(), e);
    }
  }
}
