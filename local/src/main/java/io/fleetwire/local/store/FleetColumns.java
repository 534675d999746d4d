package io.fleetwire.local.store;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.Quadkey;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What the fleet queries read of a device's last record, kept as columns of its row so that a map
 * tile, a count of moving devices or a change listing is an index range: the level-20 quadkey and
 * the position (both {@code null} while the device has no position) and whether it is moving.
 */
record FleetColumns(String qk, Double lat, Double lon, boolean moving) {

  static FleetColumns of(Record last) {
    String qk = Quadkey.ofLast(last);
    return new FleetColumns(qk, qk == null ? null : last.lat(), qk == null ? null : last.lon(),
        last != null && last.speed() > 0);
  }

  /** Binds (qk, lat, lon, moving) from parameter {@code first} on; returns the next parameter. */
  int bind(PreparedStatement statement, int first) throws SQLException {
    statement.setString(first, qk);
    setReal(statement, first + 1, lat);
    setReal(statement, first + 2, lon);
    statement.setInt(first + 3, moving ? 1 : 0);
    return first + 4;
  }

  private static void setReal(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.REAL);
    } else {
      statement.setDouble(index, value);
    }
  }
}
