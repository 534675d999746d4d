package io.fleetwire.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Creates the simulation's threads and sums the CPU time they used (JVM thread CPU time, user and
 * kernel), so a run can state what its simulated devices cost apart from the front in the same
 * process. A thread's last reading is kept after it ends.
 */
final class ThreadCpuMeter implements ThreadFactory {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final ThreadFactory delegate;
  private final List<Thread> threads = new ArrayList<>();
  private final List<Long> lastNanos = new ArrayList<>();

  ThreadCpuMeter(ThreadFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized Thread newThread(Runnable task) {
    Thread thread = delegate.newThread(task);
    threads.add(thread);
    lastNanos.add(0L);
    return thread;
  }

  /** CPU nanoseconds of every thread created so far; -1 where the JVM cannot measure thread CPU time. */
  synchronized long cpuNanos() {
    if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
      return -1;
    }
    long total = 0;
    for (int i = 0; i < threads.size(); i++) {
      long nanos = THREADS.getThreadCpuTime(threads.get(i).getId());
      if (nanos >= 0) {
        lastNanos.set(i, nanos);
      }
      total += lastNanos.get(i);
    }
    return total;
  }
}
