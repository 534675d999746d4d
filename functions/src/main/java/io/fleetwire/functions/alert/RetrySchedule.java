package io.fleetwire.functions.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed webhook delivery is tried again: exponential backoff from {@code first}, doubling
 * up to {@code longest}, for {@code keepTrying} after the alert changed. Past that the delivery
 * is kept as abandoned (never deleted), for an operator to look at.
 */
public record RetrySchedule(Duration first, Duration longest, Duration keepTrying) {
  /** 10 s doubling to hourly, for two days: about 55 attempts, the last a day after the first. */
  public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1),
      Duration.ofDays(2));

  public RetrySchedule {
    if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || keepTrying.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("backoff must start positive, grow to a longest delay and go on for at least a day");
    }
  }

  /** Delay before attempt {@code failures + 1}, after {@code failures} failed ones (1 or more). */
  public Duration delayAfter(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, got " + failures);
    }
    int doublings = Math.min(failures - 1, 30);
    Duration delay = first.multipliedBy(1L << doublings);
    return delay.compareTo(longest) > 0 ? longest : delay;
  }

  /** The next attempt's time, or null when the delivery is to be abandoned. */
  public Instant next(Instant changedAt, int failures, Instant now) {
    Instant next = now.plus(delayAfter(failures));
    return next.isAfter(changedAt.plus(keepTrying)) ? null : next;
  }
}
