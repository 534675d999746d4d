package io.fleetwire.local.store;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.TelemetryStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteTelemetryStoreTest extends TelemetryStoreContract {
  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("fleetwire.db");
  }

  @Override
  protected TelemetryStore newStore() {
    return SqliteTelemetryStore.open(file());
  }

  @Override
  protected TelemetryStore reopen(TelemetryStore store) {
    store.close();
    return SqliteTelemetryStore.open(file());
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    List<Record> records = List.of(record(IMEI, 1, 0), record(IMEI, 2, 0), record(OTHER_IMEI, 3, 0));
    store.upsert(records);
    store.register(IMEI, "Van 7");
    store.close();
    store = SqliteTelemetryStore.open(file());
    assertEquals(records.subList(0, 2), store.positions(IMEI, FAR_PAST, FAR_FUTURE, 10, null).items());
    assertEquals("Van 7", store.device(IMEI).orElseThrow().name());
    assertEquals(records.get(2), store.device(OTHER_IMEI).orElseThrow().last());
  }

  @Test
  void opensInWalModeWithTheSchemaVersion() throws Exception {
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
         Statement statement = raw.createStatement()) {
      assertEquals("wal", single(statement, "PRAGMA journal_mode"));
      assertEquals(String.valueOf(SqliteSchema.VERSION), single(statement, "PRAGMA user_version"));
    }
  }

  @Test
  void refusesAFileWrittenByANewerSchema() throws Exception {
    store.close();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file());
         Statement statement = raw.createStatement()) {
      statement.execute("PRAGMA user_version = 99");
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteTelemetryStore.open(file()));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    store = newStoreIn(dir.resolve("other.db"));
  }

  @Test
  void storesTenThousandRecordsInOneUpsert() {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      records.add(record(IMEI, i, 0));
    }
    store.upsert(records);
    store.upsert(records);
    List<Record> read = new ArrayList<>();
    String next = null;
    do {
      Page<Record> page = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 1000, next);
      read.addAll(page.items());
      next = page.next();
    } while (next != null && read.size() <= records.size());
    assertEquals(records, read);
    assertEquals(records.get(9_999), store.device(IMEI).orElseThrow().last());
  }

  @Test
  void concurrentWritersAndReadersLoseNothing() throws Exception {
    int writers = 4;
    int batches = 25;
    int perBatch = 20;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        work.add(pool.submit(() -> {
          for (int b = 0; b < batches; b++) {
            List<Record> batch = new ArrayList<>();
            for (int r = 0; r < perBatch; r++) {
              batch.add(record(IMEI, b * perBatch + r, writer));
            }
            store.upsert(batch);
          }
        }));
      }
      work.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          store.positions(IMEI, FAR_PAST, FAR_FUTURE, 100, null);
          store.devices(100, null);
        }
      }));
      for (Future<?> future : work) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Page<Record> all = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 10_000, null);
    assertEquals(writers * batches * perBatch, all.items().size());
    assertNull(all.next());
  }

  @Test
  void closedStoreRefusesWork() {
    store.close();
    assertThrows(IllegalStateException.class, () -> store.upsert(List.of(record(IMEI, 1, 0))));
    assertThrows(IllegalStateException.class, () -> store.devices(100, null));
    store = newStoreIn(dir.resolve("other.db"));
  }

  private static TelemetryStore newStoreIn(Path other) {
    return SqliteTelemetryStore.open(other);
  }

  private static String single(Statement statement, String sql) throws Exception {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
