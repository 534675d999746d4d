package io.fleetwire.functions.alert;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.RuleProgress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Moves one rule's state for one device through that device's records, on record time (DESIGN
 * "Alerts"): the condition must hold from its first record for {@code forSeconds} before the alert
 * opens, and the alert closes at the first record where it no longer holds. Pure: the same
 * progress and records always give the same result, and records at or before
 * {@link RuleProgress#evaluatedUntil} are skipped, so the queue's redelivery never raises an alert
 * twice. The alert id is derived from the rule, the device and the start of the holding period.
 */
public final class AlertTracker {

  /** The new progress and the alerts that opened or closed on the way, in record order. */
  public record Step(RuleProgress progress, List<Alert> changes) {
  }

  private AlertTracker() {
  }

  public static Step advance(AlertRule rule, RuleProgress progress, List<Record> records) {
    List<Record> ordered = records.stream()
        .filter(r -> r.imei().equals(progress.imei()))
        .filter(r -> progress.evaluatedUntil() == null || r.ts().isAfter(progress.evaluatedUntil()))
        .sorted(Comparator.comparing(Record::ts).thenComparing(Record::id))
        .toList();
    RuleProgress current = progress;
    List<Alert> changes = new ArrayList<>();
    for (Record record : ordered) {
      Optional<Reading> reading = Reading.of(rule, record);
      Instant since = current.holdingSince();
      Alert open = current.open();
      if (reading.isPresent() && reading.get().holds()) {
        if (since == null) {
          since = record.ts();
        }
        if (open == null && !record.ts().isBefore(since.plusSeconds(rule.forSeconds()))) {
          open = new Alert(alertId(rule.id(), current.imei(), since), rule.id(), current.imei(), rule.kind(),
              record.ts(), reading.get().value(), record.lat(), record.lon(), AlertStatus.OPEN, null);
          changes.add(open);
        }
      } else if (reading.isPresent()) {
        since = null;
        if (open != null) {
          changes.add(open.closed(record.ts()));
          open = null;
        }
      }
      current = new RuleProgress(current.ruleId(), current.imei(), record.ts(), since, open);
    }
    return new Step(current, List.copyOf(changes));
  }

  /**
   * The timer's side of an {@code offline} rule: the device has been silent since
   * {@code lastSeen}; once the silence reaches the threshold (plus {@code forSeconds}) an alert
   * opens, dated when the silence crossed the threshold. Its next record closes it
   * ({@link #advance}).
   */
  public static Step silence(AlertRule rule, RuleProgress progress, Instant lastSeen, Instant now) {
    if (rule.kind() != AlertKind.OFFLINE) {
      throw new IllegalArgumentException("silence is evaluated for offline rules only, not " + rule.kind().json());
    }
    if (lastSeen == null || progress.open() != null
        || progress.evaluatedUntil() != null && progress.evaluatedUntil().isAfter(lastSeen)) {
      return new Step(progress, List.of());
    }
    Instant due = lastSeen.plus(Duration.ofSeconds(rule.threshold().longValue() + rule.forSeconds()));
    if (now.isBefore(due)) {
      return new Step(progress, List.of());
    }
    Alert open = new Alert(alertId(rule.id(), progress.imei(), lastSeen), rule.id(), progress.imei(), rule.kind(), due,
        (double) Duration.between(lastSeen, now).toSeconds(), null, null, AlertStatus.OPEN, null);
    return new Step(new RuleProgress(progress.ruleId(), progress.imei(), lastSeen, lastSeen, open), List.of(open));
  }

  /** 32 hex digits of SHA-256 over rule, device and the start of the holding period. */
  static String alertId(String ruleId, String imei, Instant since) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest((ruleId + '|' + imei + '|' + since.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
