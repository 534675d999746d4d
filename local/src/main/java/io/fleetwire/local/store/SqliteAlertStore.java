package io.fleetwire.local.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.store.Page;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert rules, their progress per device, the alerts and the webhook outbox in tables of the local
 * SQLite file, beside the telemetry, written through its one writer connection. The tables are
 * created when missing, so a file from before alerts existed gains them on first open. Each row
 * keeps its value as JSON plus the columns queries filter and order on.
 */
public final class SqliteAlertStore implements AlertStore {
  private static final String[] TABLES = {
      "CREATE TABLE IF NOT EXISTS alert_rules (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS alert_progress (
        rule_id TEXT NOT NULL, imei TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (imei, rule_id))""",
      """
      CREATE TABLE IF NOT EXISTS alerts (
        id TEXT PRIMARY KEY, imei TEXT NOT NULL, ts INTEGER NOT NULL, state TEXT NOT NULL, body TEXT NOT NULL)""",
      "CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (ts, id)",
      "CREATE INDEX IF NOT EXISTS alerts_by_device_time ON alerts (imei, ts, id)",
      "CREATE INDEX IF NOT EXISTS alerts_open ON alerts (state, ts)",
      """
      CREATE TABLE IF NOT EXISTS alert_deliveries (
        id TEXT PRIMARY KEY, status TEXT NOT NULL, next_attempt_at INTEGER, changed_at INTEGER NOT NULL,
        body TEXT NOT NULL)""",
      "CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries (status, next_attempt_at)",
  };

  private final SqliteTelemetryStore file;

  /** The alert tables in the same file as {@code telemetry}, created when missing; it owns the connections. */
  public SqliteAlertStore(SqliteTelemetryStore telemetry) {
    this.file = telemetry;
    file.write("creating the alert tables", connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String ddl : TABLES) {
          statement.execute(ddl);
        }
      }
      return null;
    });
  }

  @Override
  public void createRule(AlertRule rule) {
    file.write("storing rule " + rule.id(), connection -> {
      if (count(connection, "SELECT COUNT(*) FROM alert_rules") >= MAX_RULES) {
        throw new IllegalArgumentException("at most " + MAX_RULES + " rules");
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT OR IGNORE INTO alert_rules (id, body) VALUES (?, ?)")) {
        insert.setString(1, rule.id());
        insert.setString(2, json(rule));
        if (insert.executeUpdate() == 0) {
          throw new IllegalArgumentException("rule " + rule.id() + " exists already");
        }
      }
      return null;
    });
  }

  @Override
  public Optional<AlertRule> rule(String id) {
    return bodies("reading rule " + id, "SELECT body FROM alert_rules WHERE id = ?", id).stream()
        .map(body -> read(body, AlertRule.class)).findFirst();
  }

  @Override
  public List<AlertRule> rules() {
    return bodies("listing rules", "SELECT body FROM alert_rules ORDER BY id").stream()
        .map(body -> read(body, AlertRule.class)).toList();
  }

  @Override
  public boolean deleteRule(String id) {
    return file.write("removing rule " + id, connection -> {
      try (PreparedStatement progress = connection.prepareStatement("DELETE FROM alert_progress WHERE rule_id = ?");
           PreparedStatement rule = connection.prepareStatement("DELETE FROM alert_rules WHERE id = ?")) {
        progress.setString(1, id);
        progress.executeUpdate();
        rule.setString(1, id);
        return rule.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Map<String, RuleProgress> progress(String imei) {
    Map<String, RuleProgress> found = new HashMap<>();
    for (String body : bodies("reading alert progress of " + imei, "SELECT body FROM alert_progress WHERE imei = ?", imei)) {
      RuleProgress progress = read(body, RuleProgress.class);
      found.put(progress.ruleId(), progress);
    }
    return found;
  }

  @Override
  public void apply(Collection<RuleProgress> progress, List<Alert> changes, Instant now) {
    if (progress.isEmpty() && changes.isEmpty()) {
      return;
    }
    file.write("storing alert progress and " + changes.size() + " alert changes", connection -> {
      try (PreparedStatement saveProgress = connection.prepareStatement(
               "INSERT INTO alert_progress (rule_id, imei, body) VALUES (?, ?, ?) "
                   + "ON CONFLICT (imei, rule_id) DO UPDATE SET body = excluded.body");
           PreparedStatement saveAlert = connection.prepareStatement(
               "INSERT INTO alerts (id, imei, ts, state, body) VALUES (?, ?, ?, ?, ?) "
                   + "ON CONFLICT (id) DO UPDATE SET state = excluded.state, body = excluded.body "
                   + "WHERE alerts.state = 'open'");
           PreparedStatement queue = connection.prepareStatement(
               "INSERT OR IGNORE INTO alert_deliveries (id, status, next_attempt_at, changed_at, body) VALUES (?, ?, ?, ?, ?)")) {
        for (RuleProgress p : progress) {
          saveProgress.setString(1, p.ruleId());
          saveProgress.setString(2, p.imei());
          saveProgress.setString(3, json(p));
          saveProgress.addBatch();
        }
        saveProgress.executeBatch();
        for (Alert change : changes) {
          saveAlert.setString(1, change.id());
          saveAlert.setString(2, change.imei());
          saveAlert.setLong(3, change.ts().toEpochMilli());
          saveAlert.setString(4, change.state().json());
          saveAlert.setString(5, json(change));
          saveAlert.executeUpdate();
          AlertDelivery delivery = AlertDelivery.of(change, now);
          queue.setString(1, delivery.id());
          queue.setString(2, delivery.status().name());
          queue.setLong(3, delivery.nextAttemptAt().toEpochMilli());
          queue.setLong(4, delivery.changedAt().toEpochMilli());
          queue.setString(5, json(delivery));
          queue.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public Page<Alert> alerts(Instant from, Instant to, String imei, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    StringBuilder sql = new StringBuilder("SELECT body FROM alerts WHERE ts >= ? AND ts < ?");
    List<Object> args = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli()));
    if (imei != null) {
      sql.append(" AND imei = ?");
      args.add(imei);
    }
    if (continuation != null) {
      PageToken after = PageToken.parse(continuation);
      sql.append(" AND (ts < ? OR (ts = ? AND id < ?))");
      args.addAll(List.of(after.ts(), after.ts(), after.id()));
    }
    sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
    args.add(limit + 1);
    List<Alert> rows = bodies("listing alerts", sql.toString(), args.toArray()).stream()
        .map(body -> read(body, Alert.class)).toList();
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    Alert last = rows.get(limit - 1);
    return new Page<>(rows.subList(0, limit), last.ts().toEpochMilli() + "|" + last.id());
  }

  @Override
  public Map<AlertKind, Integer> countAlerts(String imei, Instant from, Instant to) {
    Map<AlertKind, Integer> counts = new EnumMap<>(AlertKind.class);
    bodies("counting alerts of " + imei,
        "SELECT json_extract(body, '$.kind') FROM alerts WHERE imei = ? AND ts >= ? AND ts < ?",
        imei, from.toEpochMilli(), to.toEpochMilli())
        .forEach(kind -> counts.merge(AlertKind.of(kind), 1, Integer::sum));
    return counts;
  }

  @Override
  public List<Alert> openAlerts(int limit) {
    return bodies("listing open alerts", "SELECT body FROM alerts WHERE state = 'open' ORDER BY ts DESC, id DESC LIMIT ?",
        limit).stream().map(body -> read(body, Alert.class)).toList();
  }

  @Override
  public long openAlertCount() {
    // counted on the alerts_open index, without reading an alert
    return Long.parseLong(bodies("counting open alerts", "SELECT count(*) FROM alerts WHERE state = 'open'").get(0));
  }

  @Override
  public List<AlertDelivery> dueDeliveries(Instant now, int limit) {
    return bodies("listing due alert deliveries",
        "SELECT body FROM alert_deliveries WHERE status = 'PENDING' AND next_attempt_at <= ? "
            + "ORDER BY next_attempt_at, changed_at LIMIT ?", now.toEpochMilli(), limit)
        .stream().map(body -> read(body, AlertDelivery.class)).toList();
  }

  @Override
  public void attempted(String deliveryId, boolean delivered, Instant next, String error) {
    file.write("recording a delivery of " + deliveryId, connection -> {
      AlertDelivery d;
      try (PreparedStatement select = connection.prepareStatement("SELECT body FROM alert_deliveries WHERE id = ?")) {
        select.setString(1, deliveryId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no delivery " + deliveryId);
          }
          d = read(rs.getString(1), AlertDelivery.class);
        }
      }
      AlertDelivery.Status status = delivered ? AlertDelivery.Status.DELIVERED
          : next == null ? AlertDelivery.Status.ABANDONED : AlertDelivery.Status.PENDING;
      AlertDelivery after = new AlertDelivery(d.id(), d.alert(), d.changedAt(), d.attempts() + 1,
          status == AlertDelivery.Status.PENDING ? next : null, status, delivered ? null : error);
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE alert_deliveries SET status = ?, next_attempt_at = ?, body = ? WHERE id = ?")) {
        update.setString(1, status.name());
        update.setObject(2, after.nextAttemptAt() == null ? null : after.nextAttemptAt().toEpochMilli());
        update.setString(3, json(after));
        update.setString(4, deliveryId);
        update.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<AlertDelivery> delivery(String deliveryId) {
    return bodies("reading delivery " + deliveryId, "SELECT body FROM alert_deliveries WHERE id = ?", deliveryId)
        .stream().map(body -> read(body, AlertDelivery.class)).findFirst();
  }

  private List<String> bodies(String action, String sql, Object... args) {
    return file.texts(action, sql, args);
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static <T> T read(String body, Class<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored " + type.getSimpleName() + " is not readable", e);
    }
  }

  private static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(value.getClass().getSimpleName() + " is not writable as JSON", e);
    }
  }
}
