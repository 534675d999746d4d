package io.fleetwire.local.store;

import io.fleetwire.contract.store.RejectedMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rejected} table: unprocessable messages once each by id, in arrival order.
 * Runs inside the store's read and write connections.
 */
final class SqliteRejected {

  private SqliteRejected() {
  }

  static void insert(Connection connection, RejectedMessage message) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        INSERT INTO rejected (id, at, imei, reason, body) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING""")) {
      statement.setString(1, message.id());
      statement.setLong(2, message.at().toEpochMilli());
      statement.setString(3, message.imei());
      statement.setString(4, message.reason());
      statement.setString(5, message.body());
      statement.executeUpdate();
    }
  }

  /** The most recent {@code limit}, oldest first. */
  static List<RejectedMessage> latest(Connection connection, int limit) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("""
        SELECT id, at, imei, reason, body FROM
          (SELECT * FROM rejected ORDER BY seq DESC LIMIT ?) ORDER BY seq""")) {
      query.setInt(1, Math.max(0, limit));
      try (ResultSet rs = query.executeQuery()) {
        List<RejectedMessage> messages = new ArrayList<>();
        while (rs.next()) {
          messages.add(new RejectedMessage(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
              rs.getString(3), rs.getString(4), rs.getString(5)));
        }
        return messages;
      }
    }
  }
}
