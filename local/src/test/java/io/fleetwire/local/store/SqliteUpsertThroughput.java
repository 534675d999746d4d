package io.fleetwire.local.store;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Not a test: how many records per second {@link SqliteTelemetryStore#upsert} commits, with
 * realistic FMB records (about 20 IO elements and their sensors) from many devices.
 * Arguments: batch size (500), batches (200), devices (1000).
 */
public final class SqliteUpsertThroughput {
  private SqliteUpsertThroughput() {
  }

  public static void main(String[] args) throws Exception {
    int batchSize = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int devices = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Path dir = Files.createTempDirectory("fleetwire-throughput");
    Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
    List<List<Record>> work = new ArrayList<>();
    int n = 0;
    for (int b = 0; b < batches; b++) {
      List<Record> batch = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++, n++) {
        batch.add(record(String.valueOf(350_000_000_000_000L + n % devices), t0.plusSeconds(n / devices), n));
      }
      work.add(batch);
    }
    try (SqliteTelemetryStore store = SqliteTelemetryStore.open(dir.resolve("throughput.db"))) {
      int warmup = Math.max(1, batches / 10);
      for (int b = 0; b < warmup; b++) {
        store.upsert(work.get(b));
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      for (int b = warmup; b < batches; b++) {
        store.upsert(work.get(b));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      long records = (long) (batches - warmup) * batchSize;
      // The CPU figure is what one core sustains when the machine is shared with other work.
      System.out.printf("batch %d, %d batches, %d devices: %d records in %.2f s wall = %.0f records/s;"
          + " %.2f s CPU of the writing thread = %.0f records per CPU-second%n",
          batchSize, batches - warmup, devices, records, seconds, records / seconds, cpuSeconds,
          records / cpuSeconds);
    }
  }

  private static Record record(String imei, Instant ts, int n) {
    TreeMap<Integer, Long> io = new TreeMap<>();
    int[] ids = {1, 2, 9, 16, 17, 18, 19, 21, 24, 66, 67, 68, 69, 72, 179, 199, 200, 239, 240, 241};
    for (int id : ids) {
      io.put(id, (long) (n * 31 + id) & 0xffff);
    }
    // named and scaled as ingest does it
    SortedMap<String, Object> sensors = IoDictionary.fmb().sensors(io);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16)}), imei, ts,
        ts.plusMillis(1500), 54.6 + (n % 1000) * 1e-5, 25.2 + (n % 777) * 1e-5, 120, n % 360, n % 120, 11, 0, 0,
        null, io, new TreeMap<>(), sensors);
  }
}
