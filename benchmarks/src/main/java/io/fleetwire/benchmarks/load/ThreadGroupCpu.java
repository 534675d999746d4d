package io.fleetwire.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the load run's thread groups between two snapshots, to say which side saturates:
 * the front's event loops, the simulator's event loops, and the rest of the process (GC, JIT,
 * main). Netty names its default event loop threads after the group class, the simulator its
 * own {@code simulator-…}.
 */
final class ThreadGroupCpu {
  static final String FRONT = "front event loops";
  static final String SIMULATOR = "simulator event loops";
  static final String OTHER = "other (GC, JIT, main)";

  private static final String FRONT_THREAD_PREFIX = "multiThreadIoEventLoopGroup";
  private static final String SIMULATOR_THREAD_PREFIX = "simulator";

  private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");
  /** stime is the 15th field; after the name come the state (3rd) and the rest. */
  private static final int STIME_AFTER_NAME = 15 - 3;
  /** USER_HZ: 100 on every mainstream Linux build. */
  private static final double CLOCK_TICKS_PER_SECOND = 100;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * CPU nanoseconds per live thread, the process's CPU nanoseconds, its kernel-mode clock ticks
   * (-1 where {@code /proc} is missing) and the wall clock.
   */
  record Snapshot(long wallNanos, long processCpuNanos, long kernelTicks, Map<Long, Long> threadCpuNanos,
      Map<Long, String> threadNames) {
  }

  /**
   * Cores used by each group over the interval (CPU seconds per wall second), and the share of
   * the process's CPU spent in the kernel (socket calls, wake-ups), NaN where unknown.
   */
  record Usage(double wallSeconds, double processCores, double kernelShare, Map<String, Double> groupCores) {
  }

  private ThreadGroupCpu() {
  }

  static Snapshot take() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = THREADS.getThreadCpuTime(info.getThreadId());
      if (nanos >= 0) {
        cpu.put(info.getThreadId(), nanos);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new Snapshot(System.nanoTime(), OS.getProcessCpuTime(), kernelTicks(), cpu, names);
  }

  /** Field 15 of {@code /proc/self/stat} (stime), counted after the parenthesised command name. */
  private static long kernelTicks() {
    try {
      String stat = Files.readString(PROC_SELF_STAT);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[STIME_AFTER_NAME]);
    } catch (IOException | RuntimeException notLinux) {
      return -1;
    }
  }

  static Usage between(Snapshot start, Snapshot end) {
    double wall = (end.wallNanos() - start.wallNanos()) / 1e9;
    long front = 0;
    long simulator = 0;
    for (Map.Entry<Long, Long> thread : end.threadCpuNanos().entrySet()) {
      long used = thread.getValue() - start.threadCpuNanos().getOrDefault(thread.getKey(), 0L);
      String name = end.threadNames().get(thread.getKey());
      if (name.startsWith(FRONT_THREAD_PREFIX)) {
        front += used;
      } else if (name.startsWith(SIMULATOR_THREAD_PREFIX)) {
        simulator += used;
      }
    }
    long process = end.processCpuNanos() - start.processCpuNanos();
    Map<String, Double> groups = new LinkedHashMap<>();
    groups.put(FRONT, front / 1e9 / wall);
    groups.put(SIMULATOR, simulator / 1e9 / wall);
    groups.put(OTHER, Math.max(0, process - front - simulator) / 1e9 / wall);
    double kernelShare = start.kernelTicks() < 0 || end.kernelTicks() < 0 || process <= 0 ? Double.NaN
        : (end.kernelTicks() - start.kernelTicks()) * (1e9 / CLOCK_TICKS_PER_SECOND) / process;
    return new Usage(wall, process / 1e9 / wall, kernelShare, groups);
  }

  static boolean measuresThreadCpu() {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  }

  static double systemLoadAverage() {
    return OS.getSystemLoadAverage();
  }
}
