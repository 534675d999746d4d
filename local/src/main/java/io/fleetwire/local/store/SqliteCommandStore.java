package io.fleetwire.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Device commands in the {@code commands} table of the local SQLite file, beside the telemetry.
 * It writes through the telemetry store's one writer connection (SQLite allows one writer per
 * file) and reads on its read connections. Each row keeps the command as JSON and its status as
 * a column, which {@link #transition} compares and sets in one statement.
 */
public final class SqliteCommandStore implements CommandStore {
  private final SqliteTelemetryStore file;

  /** The commands kept in the same file as {@code telemetry}; it owns the connections. */
  public SqliteCommandStore(SqliteTelemetryStore telemetry) {
    this.file = telemetry;
  }

  @Override
  public void create(DeviceCommand command) {
    String body = json(command);
    file.write("storing command " + command.id(), connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO commands (id, imei, created_at, status, body) VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, command.id());
        insert.setString(2, command.imei());
        insert.setLong(3, command.createdAt().toEpochMilli());
        insert.setString(4, command.status().label());
        insert.setString(5, body);
        return insert.executeUpdate();
      }
    });
  }

  @Override
  public Optional<DeviceCommand> get(String imei, String id) {
    return query("reading command " + id, "SELECT body FROM commands WHERE id = ? AND imei = ?", id, imei)
        .stream().findFirst();
  }

  @Override
  public List<DeviceCommand> recent(String imei, int limit) {
    return query("listing the commands of " + imei,
        "SELECT body FROM commands WHERE imei = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
        imei, Math.min(limit, MAX_RECENT));
  }

  @Override
  public List<DeviceCommand> queued(String imei) {
    return query("listing the queued commands of " + imei,
        "SELECT body FROM commands WHERE imei = ? AND status = ? ORDER BY created_at, rowid",
        imei, CommandStatus.QUEUED.label());
  }

  @Override
  public boolean transition(DeviceCommand next, CommandStatus expected) {
    String body = json(next);
    int changed = file.write("updating command " + next.id(), connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE commands SET status = ?, body = ? WHERE id = ? AND imei = ? AND status = ?")) {
        update.setString(1, next.status().label());
        update.setString(2, body);
        update.setString(3, next.id());
        update.setString(4, next.imei());
        update.setString(5, expected.label());
        return update.executeUpdate();
      }
    });
    return changed == 1;
  }

  private List<DeviceCommand> query(String action, String sql, Object... args) {
    List<String> bodies = file.texts(action, sql, args);
    List<DeviceCommand> commands = new ArrayList<>(bodies.size());
    for (String body : bodies) {
      try {
        commands.add(Json.mapper().readValue(body, DeviceCommand.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored command is not readable while " + action, e);
      }
    }
    return commands;
  }

  private static String json(DeviceCommand command) {
    try {
      return Json.mapper().writeValueAsString(command);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("command " + command.id() + " is not writable as JSON", e);
    }
  }
}
