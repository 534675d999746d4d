package io.fleetwire.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Device commands in the {@code commands} table of the local SQLite file, beside the telemetry.
 * One connection of its own (commands are few; their writes wait at most the busy timeout for the
 * telemetry writer), used by one thread at a time. Each row keeps the command as JSON and its
 * status as a column, which {@link #transition} compares and sets in one statement.
 */
public final class SqliteCommandStore implements CommandStore, AutoCloseable {
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private final Connection connection;

  private SqliteCommandStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens the commands of the store in {@code file}, creating or upgrading its tables if needed. */
  public static SqliteCommandStore open(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      connection.setAutoCommit(false);
      SqliteSchema.apply(connection);
      connection.setAutoCommit(true);
      return new SqliteCommandStore(connection);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw SqliteFailure.of("opening the commands of " + file, e);
    }
  }

  @Override
  public synchronized void create(DeviceCommand command) {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO commands (id, imei, created_at, status, body) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, command.id());
      insert.setString(2, command.imei());
      insert.setLong(3, command.createdAt().toEpochMilli());
      insert.setString(4, command.status().label());
      insert.setString(5, json(command));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqliteFailure.of("storing command " + command.id(), e);
    }
  }

  @Override
  public synchronized Optional<DeviceCommand> get(String imei, String id) {
    List<DeviceCommand> found = query("reading command " + id,
        "SELECT body FROM commands WHERE id = ? AND imei = ?", id, imei);
    return found.stream().findFirst();
  }

  @Override
  public synchronized List<DeviceCommand> recent(String imei, int limit) {
    return query("listing the commands of " + imei,
        "SELECT body FROM commands WHERE imei = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
        imei, Math.min(limit, MAX_RECENT));
  }

  @Override
  public synchronized List<DeviceCommand> queued(String imei) {
    return query("listing the queued commands of " + imei,
        "SELECT body FROM commands WHERE imei = ? AND status = ? ORDER BY created_at, rowid",
        imei, CommandStatus.QUEUED.label());
  }

  @Override
  public synchronized boolean transition(DeviceCommand next, CommandStatus expected) {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE commands SET status = ?, body = ? WHERE id = ? AND imei = ? AND status = ?")) {
      update.setString(1, next.status().label());
      update.setString(2, json(next));
      update.setString(3, next.id());
      update.setString(4, next.imei());
      update.setString(5, expected.label());
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw SqliteFailure.of("updating command " + next.id(), e);
    }
  }

  private List<DeviceCommand> query(String action, String sql, Object... args) {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<DeviceCommand> commands = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          commands.add(Json.mapper().readValue(rows.getString(1), DeviceCommand.class));
        }
      }
      return commands;
    } catch (SQLException e) {
      throw SqliteFailure.of(action, e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored command is not readable while " + action, e);
    }
  }

  private static String json(DeviceCommand command) {
    try {
      return Json.mapper().writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("command " + command.id() + " is not writable as JSON", e);
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw SqliteFailure.of("closing the commands connection", e);
    }
  }
}
