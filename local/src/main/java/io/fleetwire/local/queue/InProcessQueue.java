package io.fleetwire.local.queue;

import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's queue: a publish completes only after its batch is committed to the store,
 * so the device ack still means "safe" (DESIGN rule 1). One committer thread drains whatever is
 * pending and commits it in one call (group commit): under load many devices share a transaction.
 * The queue is bounded; when it is full a publish fails at once and the device, not acked,
 * resends later.
 */
public final class InProcessQueue implements TelemetryPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessQueue.class);

  /** Commits batches durably or throws; called from the committer thread only. */
  @FunctionalInterface
  public interface BatchSink {
    void commit(List<TelemetryBatch> batches);
  }

  private record Pending(TelemetryBatch batch, CompletableFuture<Void> done) {
  }

  private final BlockingQueue<Pending> pending;
  private final int maxBatchesPerCommit;
  private final BatchSink sink;
  private final Thread committer;
  private volatile boolean ready = true;
  private volatile boolean closed;

  public InProcessQueue(BatchSink sink, int capacity, int maxBatchesPerCommit) {
    this.sink = sink;
    this.pending = new ArrayBlockingQueue<>(capacity);
    this.maxBatchesPerCommit = maxBatchesPerCommit;
    this.committer = new Thread(this::run, "fleetwire-queue-committer");
    this.committer.setDaemon(true);
    this.committer.start();
  }

  @Override
  public CompletionStage<Void> publish(TelemetryBatch batch) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("queue is closed"));
    } else if (!pending.offer(new Pending(batch, done))) {
      done.completeExceptionally(new IllegalStateException(
          "queue full (" + pending.size() + " batches pending); the device will resend"));
    }
    return done;
  }

  @Override
  public boolean isReady() {
    return ready && !closed;
  }

  /** Batches accepted but not yet committed. */
  public int backlog() {
    return pending.size();
  }

  private void run() {
    List<Pending> round = new ArrayList<>(maxBatchesPerCommit);
    while (!closed || !pending.isEmpty()) {
      try {
        Pending first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        round.add(first);
        pending.drainTo(round, maxBatchesPerCommit - 1);
        commit(round);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        round.clear();
      }
    }
  }

  private void commit(List<Pending> round) {
    List<TelemetryBatch> batches = new ArrayList<>(round.size());
    for (Pending p : round) {
      batches.add(p.batch());
    }
    try {
      sink.commit(batches);
      if (!ready) {
        LOG.info("store commits succeed again; queue is ready");
      }
      ready = true;
      round.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      if (ready) {
        LOG.error("store commit failed; {} batches not acked, devices will resend: {}", round.size(), e.toString());
      }
      ready = false;
      round.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  /** Stops accepting, commits what is pending (bounded by {@code timeoutMillis}), stops the thread. */
  public void close(long timeoutMillis) {
    closed = true;
    try {
      committer.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending left;
    while ((left = pending.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("queue closed before commit"));
    }
  }

  @Override
  public void close() {
    close(10_000);
  }
}
