package io.fleetwire.testsupport;

import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryPublisher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link TelemetryPublisher} fake that records every batch. In {@link Mode#MANUAL} (the default)
 * each publish returns a future the test completes or fails when it chooses; {@link Mode#SUCCEED}
 * and {@link Mode#FAIL} answer at once. Thread-safe: the front publishes from its event loops.
 */
public final class RecordingPublisher implements TelemetryPublisher {

  public enum Mode { MANUAL, SUCCEED, FAIL }

  /** One publish call: its batch and the future the front waits on. */
  public record Publication(TelemetryBatch batch, CompletableFuture<Void> future) {

    public void complete() {
      future.complete(null);
    }

    public void fail(Throwable cause) {
      future.completeExceptionally(cause);
    }

    public boolean succeeded() {
      return future.isDone() && !future.isCompletedExceptionally();
    }
  }

  private final List<Publication> publications = new ArrayList<>();
  private volatile Mode mode;
  private volatile boolean ready = true;

  public RecordingPublisher() {
    this(Mode.MANUAL);
  }

  public RecordingPublisher(Mode mode) {
    this.mode = mode;
  }

  @Override
  public CompletionStage<Void> publish(TelemetryBatch batch) {
    Publication publication = new Publication(batch, new CompletableFuture<>());
    synchronized (this) {
      publications.add(publication);
      notifyAll();
    }
    Mode now = mode;
    if (now == Mode.SUCCEED) {
      publication.complete();
    } else if (now == Mode.FAIL) {
      publication.fail(new IllegalStateException("publisher failing on purpose (test)"));
    }
    return publication.future();
  }

  @Override
  public boolean isReady() {
    return ready;
  }

  public void setReady(boolean ready) {
    this.ready = ready;
  }

  /** How later publishes are answered; publishes already made keep their futures. */
  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public synchronized List<Publication> publications() {
    return List.copyOf(publications);
  }

  public synchronized List<TelemetryBatch> batches() {
    return publications.stream().map(Publication::batch).toList();
  }

  /** Batches whose publish succeeded: what a durable publisher would have kept. */
  public synchronized List<TelemetryBatch> confirmedBatches() {
    return publications.stream().filter(Publication::succeeded).map(Publication::batch).toList();
  }

  public synchronized int count() {
    return publications.size();
  }

  /** The n-th publish (0-based), waiting for it up to {@code timeout}. */
  public synchronized Publication awaitPublication(int index, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (publications.size() <= index) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("publish #" + index + " did not happen within " + timeout
            + " (" + publications.size() + " so far)");
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return publications.get(index);
  }

  /** Completes every publish not yet answered. */
  public void completeAll() {
    pending().forEach(Publication::complete);
  }

  /** Fails every publish not yet answered. */
  public void failAll(Throwable cause) {
    pending().forEach(p -> p.fail(cause));
  }

  private synchronized List<Publication> pending() {
    List<Publication> open = new ArrayList<>();
    for (Publication p : publications) {
      if (!p.future().isDone()) {
        open.add(p);
      }
    }
    return open;
  }
}
