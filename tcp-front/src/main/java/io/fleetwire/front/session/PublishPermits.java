package io.fleetwire.front.session;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The front-wide bound on publishes in flight (DESIGN rule 4). Each connection has at most one
 * publish in flight and stops reading meanwhile; a connection whose publish finished while the
 * front is at its bound stays paused until another publish frees a slot. The bound can be
 * overshot only by frames already read when it was reached, never by new reads.
 */
public final class PublishPermits {
  private static final long IDLE_POLL_MILLIS = 5;

  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Queue<Runnable> paused = new ConcurrentLinkedQueue<>();

  public PublishPermits(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("in-flight publish limit must be at least 1, was " + limit);
    }
    this.limit = limit;
  }

  void acquire() {
    inFlight.incrementAndGet();
  }

  void release() {
    inFlight.decrementAndGet();
    resumeOne();
  }

  /** Runs {@code resume} now if the front is below its bound, else when a slot frees. */
  void whenBelowLimit(Runnable resume) {
    if (inFlight.get() < limit) {
      resume.run();
      return;
    }
    paused.add(resume);
    if (inFlight.get() < limit) {
      resumeOne();
    }
  }

  private void resumeOne() {
    Runnable next = paused.poll();
    if (next != null) {
      next.run();
    }
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int limit() {
    return limit;
  }

  /** Waits until no publish is in flight, at most {@code timeout}; true if that happened. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight.get() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(IDLE_POLL_MILLIS);
    }
    return true;
  }
}
