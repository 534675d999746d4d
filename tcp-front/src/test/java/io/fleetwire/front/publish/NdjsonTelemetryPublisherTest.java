package io.fleetwire.front.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

class NdjsonTelemetryPublisherTest {
  private static final long WAIT_SECONDS = 10;

  @TempDir
  Path dir;

  static TelemetryBatch batch(String imei, int records) {
    Instant received = Instant.parse("2026-11-26T04:00:00Z");
    List<Record> list = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      Instant ts = Instant.parse("2026-11-26T03:00:00Z").plusSeconds(i);
      list.add(new Record(RecordId.of(imei, ts, 0x42L + i), imei, ts, received, 54.6872, 25.3017, 112, 90, 48,
          11, 1, 0, null, new TreeMap<>(Map.of(239, 1L)), null, null));
    }
    return TelemetryBatch.of(imei, received, "front-test", 8, list);
  }

  private static void await(CompletableFuture<Void> future) throws Exception {
    future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void writesOneParseableJsonLinePerBatch() throws Exception {
    Path file = dir.resolve("data/telemetry.ndjson");
    List<TelemetryBatch> batches = List.of(batch("356307042441013", 2), batch("356307042441014", 1),
        batch("356307042441015", 3));
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(file)) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (TelemetryBatch batch : batches) {
        futures.add(publisher.publish(batch).toCompletableFuture());
      }
      for (CompletableFuture<Void> future : futures) {
        await(future);
      }
    }

    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(batches.get(i), Json.mapper().readValue(lines.get(i), TelemetryBatch.class));
    }
  }

  @Test
  void futureCompletesOnlyOnceItsLineIsInTheFile() throws Exception {
    Path file = dir.resolve("telemetry.ndjson");
    TelemetryBatch batch = batch("356307042441013", 1);
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(file)) {
      CompletableFuture<List<String>> seenAtCompletion = publisher.publish(batch).toCompletableFuture()
          .thenApply(done -> {
            try {
              return Files.readAllLines(file);
            } catch (IOException e) {
              throw new CompletionException(e);
            }
          });

      List<String> lines = seenAtCompletion.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(1, lines.size());
      assertEquals(batch.imei(), Json.mapper().readValue(lines.get(0), TelemetryBatch.class).imei());
    }
  }

  @Test
  void appendsToAnExistingFile() throws Exception {
    Path file = dir.resolve("telemetry.ndjson");
    Files.writeString(file, "{\"earlier\":true}\n");
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(file)) {
      await(publisher.publish(batch("356307042441013", 1)).toCompletableFuture());
    }

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertEquals("{\"earlier\":true}", lines.get(0));
  }

  @Test
  void failedWriteFailsTheFutureAndMakesThePublisherUnreadyUntilAWriteSucceeds() throws Exception {
    Path blocker = dir.resolve("not-a-directory");
    Files.writeString(blocker, "a file where the directory should be");
    Path file = blocker.resolve("telemetry.ndjson");
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(file)) {
      assertFalse(publisher.isReady());

      CompletableFuture<Void> failed = publisher.publish(batch("356307042441013", 1)).toCompletableFuture();
      Exception error = assertThrows(Exception.class, () -> await(failed));
      assertInstanceOf(IOException.class, error.getCause());
      assertFalse(publisher.isReady());

      Files.delete(blocker);
      Files.createDirectory(blocker);
      await(publisher.publish(batch("356307042441013", 1)).toCompletableFuture());
      assertTrue(publisher.isReady());
    }
    assertEquals(1, Files.readAllLines(file).size());
  }

  @Test
  void closedPublisherRefusesNewBatches() {
    NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(dir.resolve("telemetry.ndjson"));
    publisher.close();

    CompletableFuture<Void> refused = publisher.publish(batch("356307042441013", 1)).toCompletableFuture();

    assertTrue(refused.isCompletedExceptionally());
    assertFalse(publisher.isReady());
  }

  @Test
  void fullQueueFailsThePublishAtOnce() throws Exception {
    Path blocker = dir.resolve("blocked");
    Files.writeString(blocker, "x");
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(blocker.resolve("t.ndjson"), 1)) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        futures.add(publisher.publish(batch("356307042441013", 1)).toCompletableFuture());
      }

      boolean refusedAtOnce = futures.stream().anyMatch(f -> f.isCompletedExceptionally()
          && f.handle((ok, e) -> e.getMessage()).join().contains("queue is full"));
      assertTrue(refusedAtOnce, "a bounded queue must refuse rather than grow");
    }
  }
}
