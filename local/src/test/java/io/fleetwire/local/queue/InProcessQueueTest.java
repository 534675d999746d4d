package io.fleetwire.local.queue;

import io.fleetwire.contract.TelemetryBatch;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InProcessQueueTest {

  private static TelemetryBatch batch(String imei) {
    return TelemetryBatch.of(imei, Instant.now(), "test", 8, List.of());
  }

  @Test
  void publishCompletesOnlyAfterTheCommitReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<TelemetryBatch> committed = new CopyOnWriteArrayList<>();
    try (InProcessQueue queue = new InProcessQueue(batches -> {
      await(release);
      committed.addAll(batches);
    }, 100, 50)) {
      CompletableFuture<Void> done = queue.publish(batch("356307042441013")).toCompletableFuture();
      assertFalse(done.isDone(), "must not complete while the commit is still running");
      release.countDown();
      done.get(5, TimeUnit.SECONDS);
      assertEquals(1, committed.size());
    }
  }

  @Test
  void failedCommitFailsThoseBatchesAndMarksNotReadyUntilACommitSucceeds() throws Exception {
    AtomicBoolean failing = new AtomicBoolean(true);
    try (InProcessQueue queue = new InProcessQueue(batches -> {
      if (failing.get()) {
        throw new IllegalStateException("disk full");
      }
    }, 100, 50)) {
      CompletableFuture<Void> first = queue.publish(batch("356307042441013")).toCompletableFuture();
      ExecutionException failure = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
      assertEquals("disk full", failure.getCause().getMessage());
      assertFalse(queue.isReady());

      failing.set(false);
      queue.publish(batch("356307042441013")).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertTrue(queue.isReady());
    }
  }

  @Test
  void fullQueueFailsAtOnceInsteadOfBuffering() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (InProcessQueue queue = new InProcessQueue(batches -> await(release), 2, 1)) {
      queue.publish(batch("356307042441013"));
      // the committer holds the first; wait until it has taken it so the next two fill the queue
      waitUntil(() -> queue.backlog() == 0);
      queue.publish(batch("356307042441013"));
      queue.publish(batch("356307042441013"));
      CompletableFuture<Void> overflow = queue.publish(batch("356307042441013")).toCompletableFuture();
      ExecutionException failure = assertThrows(ExecutionException.class, () -> overflow.get(1, TimeUnit.SECONDS));
      assertTrue(failure.getCause().getMessage().startsWith("queue full"));
      release.countDown();
    }
  }

  @Test
  void closeCommitsWhatIsPending() throws Exception {
    List<TelemetryBatch> committed = new CopyOnWriteArrayList<>();
    InProcessQueue queue = new InProcessQueue(committed::addAll, 100, 10);
    List<CompletableFuture<Void>> futures = List.of(
        queue.publish(batch("356307042441013")).toCompletableFuture(),
        queue.publish(batch("356307042441021")).toCompletableFuture());
    queue.close(5_000);
    for (CompletableFuture<Void> f : futures) {
      f.get(1, TimeUnit.SECONDS);
    }
    assertEquals(2, committed.size());
    assertThrows(ExecutionException.class,
        () -> queue.publish(batch("356307042441013")).toCompletableFuture().get(1, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 5 s");
      }
      Thread.sleep(5);
    }
  }
}
