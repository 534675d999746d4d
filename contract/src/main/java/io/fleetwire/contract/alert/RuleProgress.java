package io.fleetwire.contract.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one rule stands for one device, kept in the store between ingest calls.
 *
 * @param evaluatedUntil record time of the newest record evaluated; older and equal records are
 *     skipped, so a redelivered or late record never changes the outcome twice
 * @param holdingSince record time at which the condition started to hold, null while it does not
 * @param open the alert opened for the current holding period, null when none is open
 */
public record RuleProgress(String ruleId, String imei, Instant evaluatedUntil, Instant holdingSince, Alert open) {
  public RuleProgress {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(imei, "imei");
  }

  public static RuleProgress start(String ruleId, String imei) {
    return new RuleProgress(ruleId, imei, null, null, null);
  }
}
