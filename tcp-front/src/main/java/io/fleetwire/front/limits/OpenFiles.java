package io.fleetwire.front.limits;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Connection limits derived from the process's open-files limit: every connection is a file
 * descriptor, and a process that reaches the limit cannot open its database, its log, or accept
 * the next device. A share is kept back as headroom for those.
 */
public final class OpenFiles {
  /** Used where the platform does not tell its limit. */
  static final long ASSUMED_LIMIT = 4_096;
  /** Descriptors kept for everything that is not a connection: jars, logs, SQLite, listeners, pipes. */
  static final long MIN_HEADROOM = 256;

  private OpenFiles() {
  }

  /** The process's open-files limit ({@code ulimit -n}). */
  public static long limit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
      return unix.getMaxFileDescriptorCount();
    }
    return ASSUMED_LIMIT;
  }

  /** Connections the process can hold with headroom: the limit less a tenth of it, at least {@link #MIN_HEADROOM}. */
  public static int connectionBudget(long openFilesLimit) {
    long headroom = Math.max(MIN_HEADROOM, openFilesLimit / 10);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFilesLimit - headroom));
  }

  /** {@link #connectionBudget(long)} of this process. */
  public static int connectionBudget() {
    return connectionBudget(limit());
  }
}
