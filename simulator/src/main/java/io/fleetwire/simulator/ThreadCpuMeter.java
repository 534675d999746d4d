package io.fleetwire.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Creates the simulation's threads and sums the CPU time they used (JVM thread CPU time, user and
 * kernel), so a run can state what its simulated devices cost apart from the front in the same
 * process. Each thread reports its own total as it ends, so nothing it used is lost.
 */
final class ThreadCpuMeter implements ThreadFactory {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ThreadFactory delegate;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Long> endedNanos = new ArrayList<>();

  ThreadCpuMeter(ThreadFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized Thread newThread(Runnable task) {
    int index = threads.size();
    Thread thread = delegate.newThread(() -> {
      try {
        task.run();
      } finally {
        ended(index, THREADS.getCurrentThreadCpuTime());
      }
    });
    threads.add(thread);
    endedNanos.add(-1L);
    return thread;
  }

  private synchronized void ended(int index, long nanos) {
    endedNanos.set(index, Math.max(0, nanos));
  }

  /** CPU nanoseconds of every thread created so far; -1 where the JVM cannot measure thread CPU time. */
  synchronized long cpuNanos() {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long total = 0;
    for (int i = 0; i < threads.size(); i++) {
      long ended = endedNanos.get(i);
      total += ended >= 0 ? ended : Math.max(0, THREADS.getThreadCpuTime(threads.get(i).getId()));
    }
    return total;
  }
}
