package io.fleetwire.simulator;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size, lock-free latency histogram in microseconds with log-linear buckets (32 per power
 * of two above 64 µs, so any percentile is within about 3 % of the true value). Memory stays the
 * same however many samples it takes; values above about 35 minutes land in the top bucket.
 */
public final class LatencyHistogram {
  private static final int LINEAR = 64;
  private static final int SUB_BUCKETS = 32;
  private static final int MAX_MSB = 30;
  private static final int BUCKETS = LINEAR + (MAX_MSB - 5) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  public void recordNanos(long nanos) {
    counts.incrementAndGet(index(Math.max(0, nanos / 1_000)));
  }

  public long count() {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += counts.get(i);
    }
    return total;
  }

  /** The latency at {@code percentile} (0..100) in milliseconds; 0 when nothing was recorded. */
  public double percentileMillis(double percentile) {
    long[] snapshot = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return upperBoundMicros(i) / 1000.0;
      }
    }
    return upperBoundMicros(BUCKETS - 1) / 1000.0;
  }

  static int index(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int msb = 63 - Long.numberOfLeadingZeros(micros);
    if (msb > MAX_MSB) {
      return BUCKETS - 1;
    }
    int shift = msb - 5;
    return LINEAR + (msb - 6) * SUB_BUCKETS + (int) ((micros >> shift) - SUB_BUCKETS);
  }

  /** The largest value a bucket holds: percentiles never understate. */
  static long upperBoundMicros(int index) {
    if (index < LINEAR) {
      return index;
    }
    int msb = 6 + (index - LINEAR) / SUB_BUCKETS;
    int shift = msb - 5;
    long sub = SUB_BUCKETS + (index - LINEAR) % SUB_BUCKETS;
    return ((sub + 1) << shift) - 1;
  }
}
