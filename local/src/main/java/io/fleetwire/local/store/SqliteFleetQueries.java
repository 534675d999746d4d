package io.fleetwire.local.store;

import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;
import org.sqlite.Function;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet-wide reads of the SQLite store, each an index range (schema version 5): device
 * listings by IMEI or by change time, the fleet counts, and the devices of map tiles by the
 * quadkey of their last position.
 *
 * <p>The search text is matched by {@link DeviceQuery#matches} itself, registered on each read
 * connection as the SQL function {@value #MATCH}, so that names outside ASCII fold case exactly as
 * in the other stores (SQLite's own {@code lower} and {@code LIKE} fold ASCII only). A search
 * reads the devices in listing order until the page is full.
 */
final class SqliteFleetQueries {
  static final String MATCH = "fleet_match";
  static final String BY_IMEI = SqliteRows.DEVICE_COLUMNS + " WHERE d.imei > ?%s ORDER BY d.imei LIMIT ?";
  static final String BY_CHANGE = SqliteRows.DEVICE_COLUMNS
      + " WHERE d.changed_at > ? AND (d.changed_at > ? OR (d.changed_at = ? AND d.imei > ?))%s"
      + " ORDER BY d.changed_at, d.imei LIMIT ?";
  static final String COUNTS = "SELECT (SELECT devices FROM fleet_size),"
      + " (SELECT count(*) FROM devices WHERE last_seen >= ?),"
      + " (SELECT count(*) FROM devices WHERE last_seen >= ? AND moving = 1)";
  static final String CELL = "SELECT count(*), avg(lat), avg(lon) FROM devices WHERE qk >= ? AND qk < ?";
  static final String IN_TILES = SqliteRows.DEVICE_COLUMNS + " WHERE %s ORDER BY d.imei LIMIT ?";

  private final SqliteReaders readers;

  SqliteFleetQueries(SqliteReaders readers) {
    this.readers = readers;
  }

  /** Makes {@value #MATCH}{@code (imei, name, text)} callable on {@code connection}. */
  static void registerFunctions(Connection connection) throws SQLException {
    Function.create(connection, MATCH, new Function() {
      @Override
      protected void xFunc() throws SQLException {
        result(new DeviceQuery(value_text(2), null).matches(value_text(0), value_text(1)) ? 1 : 0);
      }
    }, 3, Function.FLAG_DETERMINISTIC);
  }

  /**
   * Keyset paging: by IMEI the token is the last IMEI of the previous page; by change time it is
   * that device's change time in epoch ms and its IMEI, as {@code ms|imei}.
   */
  Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    boolean byChange = query.changedSince() != null;
    DeviceToken after = continuation == null ? null : DeviceToken.parse(continuation, byChange);
    String match = query.text() == null ? "" : " AND " + MATCH + "(d.imei, d.name, ?) = 1";
    List<Long> changes = new ArrayList<>();
    List<DeviceState> rows = readers.read("listing devices", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          String.format(byChange ? BY_CHANGE : BY_IMEI, match))) {
        int i = 1;
        if (byChange) {
          long since = SqliteRows.floorMillis(query.changedSince());
          select.setLong(i++, since);
          select.setLong(i++, after == null ? since : after.changedAt());
          select.setLong(i++, after == null ? since : after.changedAt());
        }
        select.setString(i++, after == null ? "" : after.imei());
        if (query.text() != null) {
          select.setString(i++, query.text());
        }
        select.setInt(i, limit + 1);
        return states(select, changes);
      }
    });
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    String last = rows.get(limit - 1).imei();
    return new Page<>(rows.subList(0, limit),
        byChange ? new DeviceToken(changes.get(limit - 1), last).toString() : last);
  }

  FleetCounts fleetCounts(Instant onlineSince) {
    long since = SqliteRows.ceilMillis(onlineSince);
    return readers.read("counting the fleet", connection -> {
      try (PreparedStatement select = connection.prepareStatement(COUNTS)) {
        select.setLong(1, since);
        select.setLong(2, since);
        try (ResultSet rs = select.executeQuery()) {
          rs.next();
          return new FleetCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
      }
    });
  }

  List<MapCell> mapCells(List<String> tiles) {
    if (tiles.size() > TelemetryStore.MAX_MAP_TILES) {
      throw new IllegalArgumentException(tiles.size() + " tiles asked, at most " + TelemetryStore.MAX_MAP_TILES);
    }
    tiles.forEach(Quadkey::level);
    return readers.read("counting devices in " + tiles.size() + " map tiles", connection -> {
      List<MapCell> cells = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(CELL)) {
        for (String tile : tiles) {
          select.setString(1, tile);
          select.setString(2, Quadkey.rangeEnd(tile));
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            if (count > 0) {
              cells.add(new MapCell(tile, count, rs.getDouble(2), rs.getDouble(3)));
            }
          }
        }
      }
      return cells;
    });
  }

  List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    tiles.forEach(Quadkey::level);
    if (tiles.isEmpty()) {
      return List.of();
    }
    String ranges = String.join(" OR ", tiles.stream().map(t -> "(d.qk >= ? AND d.qk < ?)").toList());
    return readers.read("listing devices in " + tiles.size() + " map tiles", connection -> {
      try (PreparedStatement select = connection.prepareStatement(String.format(IN_TILES, ranges))) {
        int i = 1;
        for (String tile : tiles) {
          select.setString(i++, tile);
          select.setString(i++, Quadkey.rangeEnd(tile));
        }
        select.setInt(i, limit);
        return states(select, new ArrayList<>());
      }
    });
  }

  /** The devices {@code select} reads; their change times are added to {@code changes}. */
  private static List<DeviceState> states(PreparedStatement select, List<Long> changes) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      List<DeviceState> devices = new ArrayList<>();
      while (rs.next()) {
        devices.add(SqliteRows.device(rs));
        changes.add(rs.getLong(8));
      }
      return devices;
    }
  }

  /** Where a device listing stopped; by IMEI only the IMEI counts. */
  private record DeviceToken(long changedAt, String imei) {
    static DeviceToken parse(String token, boolean byChange) {
      int bar = token.indexOf('|');
      // by change time "ms|imei", by IMEI the IMEI alone
      String imei = byChange && bar > 0 ? token.substring(bar + 1) : token;
      if (byChange != (bar > 0) || imei.isEmpty() || !imei.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("malformed continuation token: " + token);
      }
      try {
        return new DeviceToken(byChange ? Long.parseLong(token.substring(0, bar)) : 0, imei);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed continuation token: " + token, e);
      }
    }

    @Override
    public String toString() {
      return changedAt + "|" + imei;
    }
  }
}
