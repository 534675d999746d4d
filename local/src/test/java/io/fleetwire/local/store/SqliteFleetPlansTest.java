package io.fleetwire.local.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each fleet query is a range of one of its indexes, never a scan of every device row: what keeps
 * a map view, a summary or a change listing as quick with a million devices as with ten. Checked on
 * SQLite's own query plans ({@code EXPLAIN QUERY PLAN}, https://www.sqlite.org/eqp.html).
 */
class SqliteFleetPlansTest {
  @TempDir
  Path dir;

  private List<String> plan(String sql) throws SQLException {
    Path file = dir.resolve("fleetwire.db");
    SqliteTelemetryStore.open(file).close();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      SqliteFleetQueries.registerFunctions(connection);
      try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql);
           ResultSet rs = explain.executeQuery()) {
        List<String> steps = new ArrayList<>();
        while (rs.next()) {
          steps.add(rs.getString("detail"));
        }
        return steps;
      }
    }
  }

  private static void assertSearches(List<String> plan, String step) {
    assertTrue(plan.stream().anyMatch(s -> s.startsWith(step)), "no '" + step + "' in " + plan);
  }

  private static void assertNoScanOfTheRows(List<String> plan) {
    assertFalse(plan.stream().anyMatch(s -> s.matches("SCAN (d|devices)( .*)?") && !s.contains("INDEX")),
        "a scan of every device row in " + plan);
  }

  @Test
  void aChangeListingIsARangeOfTheChangeIndexInItsOrder() throws SQLException {
    List<String> plan = plan(String.format(SqliteFleetQueries.BY_CHANGE, ""));
    assertSearches(plan, "SEARCH d USING INDEX devices_by_change (changed_at>?)");
    assertFalse(plan.stream().anyMatch(s -> s.contains("TEMP B-TREE")), "sorted apart from the index: " + plan);
  }

  @Test
  void theFleetCountsAreTheKeptSizeAndRangesOfTheSeenIndex() throws SQLException {
    List<String> plan = plan(SqliteFleetQueries.COUNTS);
    assertSearches(plan, "SEARCH devices USING COVERING INDEX devices_by_seen (last_seen>?)");
    assertFalse(plan.stream().anyMatch(s -> s.startsWith("SCAN devices")), "every device counted: " + plan);
  }

  @Test
  void aMapCellIsARangeOfTheTileIndexThatHoldsThePositions() throws SQLException {
    List<String> plan = plan(SqliteFleetQueries.CELL);
    assertSearches(plan, "SEARCH devices USING COVERING INDEX devices_by_tile (qk>? AND qk<?)");
  }

  @Test
  void theDevicesOfSeveralTilesAreRangesOfTheTileIndex() throws SQLException {
    List<String> plan = plan(String.format(SqliteFleetQueries.IN_TILES,
        "(d.qk >= ? AND d.qk < ?) OR (d.qk >= ? AND d.qk < ?)"));
    assertSearches(plan, "SEARCH d USING INDEX devices_by_tile (qk>? AND qk<?)");
    assertNoScanOfTheRows(plan);
  }

  @Test
  void aListingByImeiIsARangeOfThePrimaryKey() throws SQLException {
    List<String> plan = plan(String.format(SqliteFleetQueries.BY_IMEI, " AND " + SqliteFleetQueries.MATCH
        + "(d.imei, d.name, ?) = 1"));
    assertSearches(plan, "SEARCH d USING INDEX sqlite_autoindex_devices_1 (imei>?)");
  }
}
