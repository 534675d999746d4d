package io.fleetwire.front.session;

/**
 * How many log lines one connection may cause: {@code perMinute}, refilled continuously. A device
 * that floods (unsolicited answers, thousands a second) is logged a few times a minute, and the
 * next line it is allowed says how many were left out. Used on the connection's event loop only.
 */
final class LogBudget {
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final int perMinute;
  private double tokens;
  private long refilledAt;
  private long suppressed;

  LogBudget(int perMinute, long nowNanos) {
    this.perMinute = perMinute;
    this.tokens = perMinute;
    this.refilledAt = nowNanos;
  }

  /**
   * Null when this line must not be logged; else the note to append to it (empty, or how many
   * lines were left out since the last one).
   */
  String take(long nowNanos) {
    tokens = Math.min(perMinute, tokens + (double) (nowNanos - refilledAt) * perMinute / MINUTE_NANOS);
    refilledAt = nowNanos;
    if (tokens < 1) {
      suppressed++;
      return null;
    }
    tokens--;
    if (suppressed == 0) {
      return "";
    }
    String note = " (" + suppressed + " similar lines of this connection not logged)";
    suppressed = 0;
    return note;
  }
}
