package io.fleetwire.local.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.functions.ingest.IngestService;
import io.fleetwire.local.queue.InProcessQueue;
import io.fleetwire.local.store.SqliteTelemetryStore;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The SQLite disk fills up under load (simulated honestly with {@code PRAGMA max_page_count},
 * so SQLite itself answers SQLITE_FULL): no record is acked without being stored, the failure is
 * logged saying the disk is full, and once space is back the devices' resends are stored, each
 * record once.
 */
class SqliteDiskFullTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void fullDiskMeansNoAckAndAClearLogThenRecoveryStoresEveryAckedRecordOnce() throws Exception {
    Path file = dir.resolve("fleetwire.db");
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(InProcessQueue.class)).addAppender(log);
    try (SqliteTelemetryStore store = SqliteTelemetryStore.open(file);
         InProcessQueue queue = new InProcessQueue(
             new IngestService(store, IoDictionary.fmb(), Clock.systemUTC())::ingest, 1000, 100);
         FrontServer front = FrontServer.start(FrontConfig.defaults().withHost("127.0.0.1")
             .withPort(0).withHealthPort(FrontConfig.NO_HEALTH_PORT), queue, DeviceRegistry.open(),
             new SimpleMeterRegistry());
         Simulation devices = new Simulation(SimulationConfig.builder().host("127.0.0.1")
             .port(front.port()).devices(4).interval(Duration.ofMillis(50))
             .ackTimeout(Duration.ofSeconds(1))
             .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(300)).ioThreads(1).build())) {
      devices.start();
      assertTrue(eventually(() -> devices.stats().recordsAcked() >= 20));

      setMaxPageCount(store, pageCount(file));
      assertTrue(eventually(() -> !queue.isReady()), "a commit hit SQLITE_FULL");
      // A failed publish closes the connection: the devices reconnect and resend.
      long reconnectsAtFull = devices.stats().reconnects();
      assertTrue(eventually(() -> devices.stats().reconnects() >= reconnectsAtFull + 4));
      assertTrue(eventually(() -> devices.stats().reconnects() >= reconnectsAtFull + 12),
          "devices kept resending into the full disk");
      // A commit that fits in pages SQLite already holds still succeeds while the file cannot
      // grow, and is acked: what a device relies on is that nothing acked is missing.
      assertTrue(storedIds(file).containsAll(ackedIds(devices)), "acked while full => stored");
      assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("StoreUnavailableException")
          && e.getFormattedMessage().contains("the disk is full")
          && e.getFormattedMessage().contains("not acked")), "error logged with its cause");

      setMaxPageCount(store, 1_000_000);
      devices.endProduction();
      assertTrue(devices.awaitCompletion(WAIT), () -> "devices drained their buffers after "
          + "recovery; queue ready " + queue.isReady() + ", " + devices.stats().summary());
      assertTrue(queue.isReady());
      Set<String> acked = ackedIds(devices);
      assertEquals(devices.stats().recordsGenerated(), acked.size(), "every record acked");
      assertTrue(storedIds(file).containsAll(acked), "every acked record stored");
      assertEquals(0, duplicateRows(file), "each record stored once");
    } finally {
      ((Logger) LoggerFactory.getLogger(InProcessQueue.class)).detachAppender(log);
    }
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline && !condition.getAsBoolean()) {
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** The limit is per connection, so it must be set on the store's own writer connection. */
  private static void setMaxPageCount(SqliteTelemetryStore store, long pages) throws Exception {
    Field writer = SqliteTelemetryStore.class.getDeclaredField("writer");
    writer.setAccessible(true);
    try (Statement statement = ((Connection) writer.get(store)).createStatement()) {
      statement.execute("PRAGMA max_page_count = " + pages);
    }
  }

  private static long pageCount(Path file) throws SQLException {
    return query(file, "PRAGMA page_count", rs -> rs.getLong(1)).get(0);
  }

  private static Set<String> storedIds(Path file) throws SQLException {
    return new HashSet<>(query(file, "SELECT id FROM records", rs -> rs.getString(1)));
  }

  private static long duplicateRows(Path file) throws SQLException {
    return query(file, "SELECT count(*) - count(DISTINCT id) FROM records", rs -> rs.getLong(1)).get(0);
  }

  private static Set<String> ackedIds(Simulation devices) {
    return devices.ackedRecords().values().stream().flatMap(Collection::stream).map(Record::id)
        .collect(Collectors.toSet());
  }

  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> query(Path file, String sql, Column<T> column) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(column.read(rs));
      }
      return rows;
    }
  }
}
