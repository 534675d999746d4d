package io.fleetwire.local.store;

import io.fleetwire.contract.store.DeviceState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The registry side of the {@code devices} table: register, remove, look up. Each change stamps
 * {@code changed_at} with the store's clock ({@code now}, epoch ms), so change listings show it.
 * Runs inside the store's read and write connections.
 */
final class SqliteRegistry {

  private SqliteRegistry() {
  }

  static DeviceState register(Connection connection, String imei, String name, long now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        INSERT INTO devices (imei, name, registered, changed_at) VALUES (?, ?, 1, ?)
        ON CONFLICT (imei) DO UPDATE SET name = excluded.name, registered = 1, changed_at = excluded.changed_at""")) {
      statement.setString(1, imei);
      statement.setString(2, name);
      statement.setLong(3, now);
      statement.executeUpdate();
    }
    return SqliteRows.device(connection, imei).orElseThrow();
  }

  /** A device that never sent data is forgotten; one that did keeps its row, unregistered. */
  static boolean remove(Connection connection, String imei, long now) throws SQLException {
    try (PreparedStatement forget = connection.prepareStatement(
             "DELETE FROM devices WHERE imei = ? AND registered = 1 AND last_seen IS NULL");
         PreparedStatement unregister = connection.prepareStatement(
             "UPDATE devices SET registered = 0, name = NULL, changed_at = ? WHERE imei = ? AND registered = 1")) {
      forget.setString(1, imei);
      if (forget.executeUpdate() == 1) {
        return true;
      }
      unregister.setLong(1, now);
      unregister.setString(2, imei);
      return unregister.executeUpdate() == 1;
    }
  }

  static boolean isRegistered(Connection connection, String imei) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(
        "SELECT 1 FROM devices WHERE imei = ? AND registered = 1")) {
      query.setString(1, imei);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }
}
