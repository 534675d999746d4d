package io.fleetwire.local.store;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.Page;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Pages of one device's records by time, for the positions and events of the store. */
final class SqliteRecordPages {

  private SqliteRecordPages() {
  }

  /**
   * Records of the device in {@code [from, to)}, only those whose event is one of {@code events}
   * unless it is empty, ordered by (ts, id) after the token's (ts, id): keyset paging on the
   * primary key, so a page costs the same however deep it is.
   */
  static Page<Record> page(SqliteReaders readers, String action, String imei, Instant from, Instant to, List<Integer> events,
      int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    long fromMillis = SqliteRows.ceilMillis(from);
    long toMillis = SqliteRows.ceilMillis(to);
    PageToken after = continuation == null ? null : PageToken.parse(continuation);
    PageToken start = after != null && after.ts() >= fromMillis ? after : new PageToken(fromMillis, "");
    String eventFilter = events.isEmpty() ? ""
        : " AND event IN (" + String.join(", ", Collections.nCopies(events.size(), "?")) + ")";
    List<Record> rows = readers.read(action, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT " + SqliteRows.RECORD_COLUMNS + " FROM records WHERE imei = ? AND ts >= ? AND ts < ?"
              + " AND (ts > ? OR id > ?)" + eventFilter + " ORDER BY ts, id LIMIT ?")) {
        int i = 1;
        query.setString(i++, imei);
        query.setLong(i++, start.ts());
        query.setLong(i++, toMillis);
        query.setLong(i++, start.ts());
        query.setString(i++, start.id());
        for (int event : events) {
          query.setInt(i++, event);
        }
        query.setInt(i, limit + 1);
        return SqliteRows.records(query);
      }
    });
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<Record> page = rows.subList(0, limit);
    return new Page<>(page, PageToken.after(page.get(limit - 1)));
  }
}
