package io.fleetwire.simulator;

import java.util.Locale;

/**
 * Whether a finished run shows a working front, as the process exit code a smoke test checks:
 * {@link #OK} when every record produced was acked; {@link #LOGIN_REFUSED} when the front refused a
 * login (an unregistered IMEI under the {@code registered} policy), kept apart so a caller can wait
 * for a registration to take effect; {@link #NOT_ACKED} when records stayed unacked or nothing was
 * acked at all.
 */
public record RunVerdict(int exitCode, String message) {
  public static final int OK = 0;
  public static final int NOT_ACKED = 1;
  public static final int LOGIN_REFUSED = 3;

  public static RunVerdict of(SimulationStats stats, String front) {
    long unacked = stats.recordsGenerated() - stats.recordsDropped() - stats.recordsAcked();
    if (stats.rejectedLogins() > 0) {
      return new RunVerdict(LOGIN_REFUSED, String.format(Locale.ROOT,
          "%s refused %d login(s): is the IMEI registered (policy 'registered')?",
          front, stats.rejectedLogins()));
    }
    if (stats.recordsAcked() == 0) {
      return new RunVerdict(NOT_ACKED, String.format(Locale.ROOT,
          "nothing was acked by %s: %d connect(s), %d connect failure(s), %d ack timeout(s), %d frame(s) sent",
          front, stats.connects(), stats.connectFailures(), stats.ackTimeouts(), stats.framesSent()));
    }
    if (unacked > 0 || stats.recordsDropped() > 0) {
      return new RunVerdict(NOT_ACKED, String.format(Locale.ROOT,
          "%d record(s) never acked by %s and %d dropped from full buffers: %d ack timeout(s), %d short ack(s), "
              + "%d connect failure(s)",
          Math.max(unacked, 0), front, stats.recordsDropped(), stats.ackTimeouts(), stats.shortAcks(),
          stats.connectFailures()));
    }
    return new RunVerdict(OK, String.format(Locale.ROOT, "all %d record(s) acked by %s",
        stats.recordsAcked(), front));
  }
}
