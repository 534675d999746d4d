package io.fleetwire.local.store;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store port on one SQLite file: the local stack's store.
 *
 * <p>Durability: WAL journal; {@code synchronous=NORMAL} (default) writes each commit to the WAL
 * before {@link #upsert} returns, so a committed batch survives the process being killed
 * (SIGKILL) — the OS still holds the written pages; only a power loss or OS crash can roll back
 * the last commits (never corrupt the file). {@link Synchronous#FULL} also fsyncs every commit and
 * survives power loss, at a large cost in commits per second.
 *
 * <p>Threads: one writer connection, guarded by a lock, runs one transaction per call; queries run
 * on separate read connections and see the last committed state.
 */
public final class SqliteTelemetryStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteTelemetryStore.class);
  private static final int BUSY_TIMEOUT_MS = 5_000;
  // Negative: KiB, not pages. Keeps the index pages of busy devices in memory between batches.
  private static final int WRITER_CACHE_KIB = -32_768;

  private static final String INSERT_RECORD =
      "INSERT INTO records (id, imei, ts, event, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (imei, ts, id) DO NOTHING";
  // Rule 6: the latest record is replaced only by a newer record time; last_seen only grows.
  private static final String UPSERT_DEVICE = """
      INSERT INTO devices (imei, registered, last_seen, last_ts, last_id) VALUES (?, 0, ?, ?, ?)
      ON CONFLICT (imei) DO UPDATE SET
        last_seen = max(coalesce(last_seen, excluded.last_seen), excluded.last_seen),
        last_id = CASE WHEN last_ts IS NULL OR excluded.last_ts > last_ts
                       THEN excluded.last_id ELSE last_id END,
        last_ts = max(coalesce(last_ts, excluded.last_ts), excluded.last_ts)""";

  /** How far a commit is pushed to disk before it returns. */
  public enum Synchronous {
    /** Survives a process crash; the default. */
    NORMAL,
    /** Also survives power loss or an OS crash; far fewer commits per second. */
    FULL
  }

  private final String url;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final PreparedStatement insertRecord;
  private final PreparedStatement upsertDevice;
  private final SqliteReaders readers;

  private SqliteTelemetryStore(String url, Connection writer) throws SQLException {
    this.url = url;
    this.writer = writer;
    this.insertRecord = writer.prepareStatement(INSERT_RECORD);
    this.upsertDevice = writer.prepareStatement(UPSERT_DEVICE);
    this.readers = new SqliteReaders(this::openReader);
  }

  /** Opens (creating if needed) the store in {@code file} with {@link Synchronous#NORMAL}. */
  public static SqliteTelemetryStore open(Path file) {
    return open(file, Synchronous.NORMAL);
  }

  public static SqliteTelemetryStore open(Path file, Synchronous synchronous) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(synchronous == Synchronous.FULL
        ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setCacheSize(WRITER_CACHE_KIB);
    // Take the write lock at BEGIN, where the busy timeout applies, not halfway through a batch.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection writer = null;
    try {
      writer = DriverManager.getConnection(url, config.toProperties());
      writer.setAutoCommit(false);
      SqliteSchema.apply(writer);
      SqliteTelemetryStore store = new SqliteTelemetryStore(url, writer);
      LOG.info("SQLite store open: {} (WAL, synchronous={})", file.toAbsolutePath(), synchronous);
      return store;
    } catch (SQLException e) {
      closeAfterFailure(writer, e);
      throw SqliteFailure.of("opening " + file, e);
    } catch (RuntimeException e) {
      closeAfterFailure(writer, e);
      throw e;
    }
  }

  private Connection openReader() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    return DriverManager.getConnection(url, config.toProperties());
  }

  @Override
  public void upsert(List<Record> records) {
    if (records.isEmpty()) {
      return;
    }
    // Serialised before taking the write lock, so concurrent callers do this part in parallel.
    List<String> bodies = new ArrayList<>(records.size());
    Map<String, Record> newest = new HashMap<>();
    Map<String, Instant> seen = new HashMap<>();
    for (Record record : records) {
      bodies.add(SqliteRows.body(record));
      newest.merge(record.imei(), record, (a, b) -> b.ts().isAfter(a.ts()) ? b : a);
      Instant at = record.receivedAt() == null ? record.ts() : record.receivedAt();
      seen.merge(record.imei(), at, (a, b) -> b.isAfter(a) ? b : a);
    }
    write("storing " + records.size() + " records", connection -> {
      for (int i = 0; i < records.size(); i++) {
        Record record = records.get(i);
        insertRecord.setString(1, record.id());
        insertRecord.setString(2, record.imei());
        insertRecord.setLong(3, record.ts().toEpochMilli());
        insertRecord.setInt(4, record.event());
        insertRecord.setString(5, bodies.get(i));
        insertRecord.addBatch();
      }
      insertRecord.executeBatch();
      for (Record last : newest.values()) {
        upsertDevice.setString(1, last.imei());
        upsertDevice.setLong(2, seen.get(last.imei()).toEpochMilli());
        upsertDevice.setLong(3, last.ts().toEpochMilli());
        upsertDevice.setString(4, last.id());
        upsertDevice.addBatch();
      }
      upsertDevice.executeBatch();
      return null;
    });
  }

  @Override
  public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    return recordPage("reading positions of " + imei, imei, from, to, List.of(), limit, continuation);
  }

  @Override
  public Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
      String continuation) {
    if (eventIds.isEmpty()) {
      // no event asked for: an empty range, so the limit and token are still checked
      return recordPage("reading events of " + imei, imei, from, from, List.of(), limit, continuation);
    }
    return recordPage("reading events of " + imei, imei, from, to, List.copyOf(eventIds), limit, continuation);
  }

  /**
   * Records of the device in {@code [from, to)}, only those whose event is one of {@code events}
   * unless it is empty, ordered by (ts, id) after the token's (ts, id): keyset paging on the
   * primary key, so a page costs the same however deep it is.
   */
  private Page<Record> recordPage(String action, String imei, Instant from, Instant to, List<Integer> events,
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

  @Override
  public void storeMessages(List<DeviceMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    List<String> bodies = messages.stream().map(SqliteMessages::body).toList();
    write("storing " + messages.size() + " device messages",
        connection -> {
          SqliteMessages.insert(connection, messages, bodies);
          return null;
        });
  }

  @Override
  public Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit, String continuation) {
    return readers.read("reading messages of " + imei,
        connection -> SqliteMessages.page(connection, imei, from, to, limit, continuation));
  }

  @Override
  public Optional<DeviceState> device(String imei) {
    return readers.read("reading device " + imei, connection -> SqliteRows.device(connection, imei));
  }

  /** Keyset paging by IMEI: the continuation token is the last IMEI of the previous page. */
  @Override
  public Page<DeviceState> devices(int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (continuation != null && (continuation.isEmpty() || !continuation.chars().allMatch(Character::isDigit))) {
      throw new IllegalArgumentException("malformed continuation token: " + continuation);
    }
    List<DeviceState> rows = readers.read("listing devices", connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          SqliteRows.DEVICE_COLUMNS + " WHERE d.imei > ? ORDER BY d.imei LIMIT ?")) {
        query.setString(1, continuation == null ? "" : continuation);
        query.setInt(2, limit + 1);
        try (ResultSet rs = query.executeQuery()) {
          List<DeviceState> devices = new ArrayList<>();
          while (rs.next()) {
            devices.add(SqliteRows.device(rs));
          }
          return devices;
        }
      }
    });
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    return new Page<>(rows.subList(0, limit), rows.get(limit - 1).imei());
  }

  @Override
  public DeviceState register(String imei, String name) {
    return write("registering " + imei, connection -> {
      try (PreparedStatement statement = connection.prepareStatement("""
          INSERT INTO devices (imei, name, registered) VALUES (?, ?, 1)
          ON CONFLICT (imei) DO UPDATE SET name = excluded.name, registered = 1""")) {
        statement.setString(1, imei);
        statement.setString(2, name);
        statement.executeUpdate();
      }
      return SqliteRows.device(connection, imei).orElseThrow();
    });
  }

  @Override
  public boolean remove(String imei) {
    return write("removing " + imei, connection -> {
      try (PreparedStatement forget = connection.prepareStatement(
               "DELETE FROM devices WHERE imei = ? AND registered = 1 AND last_seen IS NULL");
           PreparedStatement unregister = connection.prepareStatement(
               "UPDATE devices SET registered = 0, name = NULL WHERE imei = ? AND registered = 1")) {
        forget.setString(1, imei);
        if (forget.executeUpdate() == 1) {
          return true;
        }
        unregister.setString(1, imei);
        return unregister.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean isRegistered(String imei) {
    return readers.read("checking registration of " + imei, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT 1 FROM devices WHERE imei = ? AND registered = 1")) {
        query.setString(1, imei);
        try (ResultSet rs = query.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public void reject(RejectedMessage message) {
    write("keeping rejected message " + message.id(), connection -> {
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
      return null;
    });
  }

  @Override
  public List<RejectedMessage> rejected(int limit) {
    return readers.read("reading rejected messages", connection -> {
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
    });
  }

  @Override
  public void close() {
    readers.close();
    writeLock.lock();
    try {
      if (!writer.isClosed()) {
        insertRecord.close();
        upsertDevice.close();
        writer.close();
        LOG.info("SQLite store closed: {}", url);
      }
    } catch (SQLException e) {
      LOG.warn("closing SQLite store {} failed", url, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** The first column of every row {@code sql} selects with {@code args}, as text, on a read connection. */
  List<String> texts(String action, String sql, Object... args) {
    return read(action, connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          select.setObject(i + 1, args[i]);
        }
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
        return rows;
      }
    });
  }

  /** Runs {@code query} on a read connection: for the other tables of this file. */
  <T> T read(String action, SqliteReaders.Query<T> query) {
    return readers.read(action, query);
  }

  /** Runs {@code work} as one transaction on the writer connection (also for the other tables). */
  <T> T write(String action, SqliteReaders.Query<T> work) {
    writeLock.lock();
    try {
      if (writer.isClosed()) {
        throw new IllegalStateException("SQLite store is closed");
      }
      try {
        T result = work.run(writer);
        writer.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        throw e;
      }
    } catch (SQLException e) {
      throw SqliteFailure.of(action, e);
    } finally {
      writeLock.unlock();
    }
  }

  private void rollback(Exception cause) {
    try {
      insertRecord.clearBatch();
      upsertDevice.clearBatch();
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
      reopenTransaction(cause);
    }
  }

  /**
   * SQLITE_FULL, IOERR and NOMEM can roll the transaction back inside SQLite
   * (https://www.sqlite.org/lang_transaction.html, "Response To Errors Within A Transaction"); the
   * driver's rollback then fails before it begins the next transaction, and every later commit
   * would fail with "no transaction is active". Begin it here so the store recovers.
   */
  private void reopenTransaction(Exception cause) {
    try (Statement begin = writer.createStatement()) {
      begin.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeAfterFailure(Connection connection, Exception cause) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
