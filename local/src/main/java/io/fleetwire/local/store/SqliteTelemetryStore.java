package io.fleetwire.local.store;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 *
 * <p>A device row also carries what the fleet queries need ({@link SqliteFleetQueries}): the
 * {@link FleetColumns} of its latest record and {@code changed_at}, the store's clock when the
 * device last changed (a newer record or received time, registered, renamed, removed).
 */
public final class SqliteTelemetryStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteTelemetryStore.class);
  private static final int BUSY_TIMEOUT_MS = 5_000;
  // Negative: KiB, not pages. Keeps the index pages of busy devices in memory between batches.
  private static final int WRITER_CACHE_KIB = -32_768;

  private static final String INSERT_RECORD =
      "INSERT INTO records (id, imei, ts, event, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (imei, ts, id) DO NOTHING";
  // Rule 6: the latest record (and the fleet columns taken from it) is replaced only by a newer
  // record time; last_seen only grows. Every right-hand side reads the row as it was.
  private static final String UPSERT_DEVICE = """
      INSERT INTO devices (imei, registered, last_seen, last_ts, last_id, qk, lat, lon, moving, changed_at)
      VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (imei) DO UPDATE SET
        changed_at = CASE WHEN last_ts IS NULL OR excluded.last_ts > last_ts
                            OR last_seen IS NULL OR excluded.last_seen > last_seen
                          THEN excluded.changed_at ELSE changed_at END,
        last_seen = max(coalesce(last_seen, excluded.last_seen), excluded.last_seen),
        last_id = CASE WHEN %1$s THEN excluded.last_id ELSE last_id END,
        qk = CASE WHEN %1$s THEN excluded.qk ELSE qk END,
        lat = CASE WHEN %1$s THEN excluded.lat ELSE lat END,
        lon = CASE WHEN %1$s THEN excluded.lon ELSE lon END,
        moving = CASE WHEN %1$s THEN excluded.moving ELSE moving END,
        last_ts = max(coalesce(last_ts, excluded.last_ts), excluded.last_ts)"""
      .formatted("(last_ts IS NULL OR excluded.last_ts > last_ts)");

  /** How far a commit is pushed to disk before it returns. */
  public enum Synchronous {
    /** Survives a process crash; the default. */
    NORMAL,
    /** Also survives power loss or an OS crash; far fewer commits per second. */
    FULL
  }

  private final String url;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final PreparedStatement insertRecord;
  private final PreparedStatement upsertDevice;
  private final SqliteReaders readers;
  private final SqliteFleetQueries fleet;

  private SqliteTelemetryStore(String url, Connection writer, Clock clock) throws SQLException {
    this.url = url;
    this.clock = clock;
    this.writer = writer;
    this.insertRecord = writer.prepareStatement(INSERT_RECORD);
    this.upsertDevice = writer.prepareStatement(UPSERT_DEVICE);
    this.readers = new SqliteReaders(this::openReader);
    this.fleet = new SqliteFleetQueries(readers);
  }

  /** Opens (creating if needed) the store in {@code file} with {@link Synchronous#NORMAL}. */
  public static SqliteTelemetryStore open(Path file) {
    return open(file, Synchronous.NORMAL);
  }

  public static SqliteTelemetryStore open(Path file, Synchronous synchronous) {
    return open(file, synchronous, Clock.systemUTC());
  }

  /** @param clock the store's clock, which times each change of a device */
  public static SqliteTelemetryStore open(Path file, Synchronous synchronous, Clock clock) {
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
      SqliteSchema.apply(writer, clock.millis());
      SqliteTelemetryStore store = new SqliteTelemetryStore(url, writer, clock);
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
    Connection reader = DriverManager.getConnection(url, config.toProperties());
    try {
      SqliteFleetQueries.registerFunctions(reader);
      return reader;
    } catch (SQLException e) {
      closeAfterFailure(reader, e);
      throw e;
    }
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
      long now = clock.millis();
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
        int next = FleetColumns.of(last).bind(upsertDevice, 5);
        upsertDevice.setLong(next, now);
        upsertDevice.addBatch();
      }
      upsertDevice.executeBatch();
      return null;
    });
  }

  @Override
  public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    return SqliteRecordPages.page(readers, "reading positions of " + imei, imei, from, to, List.of(), limit,
        continuation);
  }

  @Override
  public Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
      String continuation) {
    if (eventIds.isEmpty()) {
      // no event asked for: an empty range, so the limit and token are still checked
      return SqliteRecordPages.page(readers, "reading events of " + imei, imei, from, from, List.of(), limit,
          continuation);
    }
    return SqliteRecordPages.page(readers, "reading events of " + imei, imei, from, to, List.copyOf(eventIds), limit,
        continuation);
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

  @Override
  public Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    return fleet.devices(query, limit, continuation);
  }

  @Override
  public FleetCounts fleetCounts(Instant onlineSince) {
    return fleet.fleetCounts(onlineSince);
  }

  @Override
  public List<MapCell> mapCells(List<String> tiles) {
    return fleet.mapCells(tiles);
  }

  @Override
  public List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    return fleet.devicesInTiles(tiles, limit);
  }

  @Override
  public DeviceState register(String imei, String name) {
    return write("registering " + imei, connection -> SqliteRegistry.register(connection, imei, name, clock.millis()));
  }

  @Override
  public boolean remove(String imei) {
    return write("removing " + imei, connection -> SqliteRegistry.remove(connection, imei, clock.millis()));
  }

  @Override
  public boolean isRegistered(String imei) {
    return readers.read("checking registration of " + imei,
        connection -> SqliteRegistry.isRegistered(connection, imei));
  }

  @Override
  public void reject(RejectedMessage message) {
    write("keeping rejected message " + message.id(), connection -> {
      SqliteRejected.insert(connection, message);
      return null;
    });
  }

  @Override
  public List<RejectedMessage> rejected(int limit) {
    return readers.read("reading rejected messages", connection -> SqliteRejected.latest(connection, limit));
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
