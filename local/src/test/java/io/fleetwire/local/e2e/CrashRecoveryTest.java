package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.Record;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.SimulationStats;
import io.fleetwire.simulator.teltonika.Codec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ack means "stored" even when the process dies without warning: the stack runs as a child
 * JVM under load, is killed with SIGKILL, and restarts on the same data directory and ports while
 * the devices reconnect and resend whatever was not acked.
 */
class CrashRecoveryTest {
  private static final int DEVICES = 30;
  private static final int FRAMES_PER_DEVICE = 40;
  private static final int RECORDS_PER_FRAME = 5;
  private static final long ACKED_BEFORE_KILL = 600;
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void everyAckedRecordSurvivesSigkillOnceAndResendsAddNoDuplicates() throws Exception {
    Path log = dir.resolve("stack.log");
    try (StackProcess stack = new StackProcess(dir.resolve("data"), log, StackProcess.freePort(),
        StackProcess.freePort())) {
      stack.start();
      try (Simulation fleet = new Simulation(SimulationConfig.builder()
          .port(stack.tcpPort())
          .devices(DEVICES)
          .interval(Duration.ofMillis(50))
          .maxFrames(FRAMES_PER_DEVICE)
          .recordsPerFrame(RECORDS_PER_FRAME)
          .codec(Codec.CODEC_8E)
          .bufferCapacity(FRAMES_PER_DEVICE * RECORDS_PER_FRAME)
          .ackTimeout(Duration.ofSeconds(3))
          .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
          .ioThreads(1)
          .build())) {
        fleet.start();
        awaitAcked(fleet.stats(), ACKED_BEFORE_KILL);
        stack.kill();
        long ackedAtKill = fleet.stats().recordsAcked();
        stack.start();
        assertTrue(fleet.awaitCompletion(Duration.ofSeconds(60)),
            "devices finished after the restart: " + fleet.stats().summary() + "; stack log " + log);

        SimulationStats stats = fleet.stats();
        assertTrue(ackedAtKill < (long) DEVICES * FRAMES_PER_DEVICE * RECORDS_PER_FRAME,
            "the kill came while records were still being sent: " + stats.summary());
        assertTrue(stats.reconnects() >= DEVICES, "every device reconnected: " + stats.summary());
        assertTrue(stats.recordsResent() > 0, "some records were resent: " + stats.summary());
        assertEquals(0, stats.recordsDropped(), stats.summary());

        StackClient api = new StackClient(stack.httpPort());
        for (Map.Entry<String, List<Record>> device : fleet.ackedRecords().entrySet()) {
          assertEquals(FRAMES_PER_DEVICE * RECORDS_PER_FRAME, device.getValue().size(),
              "records acked to " + device.getKey());
          List<SentValues> expected = device.getValue().stream().map(SentValues::sent)
              .sorted(Comparator.comparing(SentValues::ts).thenComparing(SentValues::id)).toList();
          List<SentValues> stored = api.allPositions(device.getKey()).stream().map(SentValues::stored).toList();
          assertEquals(expected, stored, "positions of " + device.getKey() + " after the crash");
        }
      }
    }
  }

  private static void awaitAcked(SimulationStats stats, long records) throws InterruptedException {
    long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
    while (stats.recordsAcked() < records) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + stats.recordsAcked() + " records acked within " + LOAD_TIMEOUT
            + ": " + stats.summary());
      }
      Thread.sleep(20);
    }
  }
}
