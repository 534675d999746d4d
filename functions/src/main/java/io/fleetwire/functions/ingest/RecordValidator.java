package io.fleetwire.functions.ingest;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Checks one record and normalises it: every record is judged (a record without a fix keeps the
 * coordinates the device repeated and is flagged {@code valid: false}) and gets its named, typed
 * sensor values from the IO dictionary.
 */
public final class RecordValidator {
  /** Trackers with an unset clock report 1970 or 1980; nothing real predates this. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** Device clocks drift; more than this ahead of ours is a wrong clock, not a real time. */
  static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);
  private static final Pattern IMEI = Pattern.compile("\\d{15}");

  private final IoDictionary dictionary;
  private final Clock clock;

  public RecordValidator(IoDictionary dictionary, Clock clock) {
    this.dictionary = dictionary;
    this.clock = clock;
  }

  /** The outcome for one record: the normalised record, or why it cannot be stored. */
  public record Verdict(Record record, String problem) {
    public boolean valid() {
      return problem == null;
    }
  }

  /** Validates {@code record}, which arrived in a batch from {@code batchImei}. */
  public Verdict check(Record record, String batchImei) {
    String problem = problem(record, batchImei);
    if (problem != null) {
      return new Verdict(record, problem);
    }
    Record judged = record.judged();
    if (judged.lat() != null && judged.lon() != null) {
      String position = positionProblem(judged);
      if (position != null) {
        return new Verdict(record, position);
      }
    }
    return new Verdict(judged.withSensors(dictionary.sensors(judged.io())), null);
  }

  private String problem(Record record, String batchImei) {
    if (!IMEI.matcher(record.imei()).matches()) {
      return "IMEI must be 15 digits, got '" + shortened(record.imei()) + "'";
    }
    if (!record.imei().equals(batchImei)) {
      return "record IMEI " + record.imei() + " differs from its batch's IMEI '" + shortened(batchImei) + "'";
    }
    Instant latest = clock.instant().plus(FUTURE_TOLERANCE);
    if (record.ts().isBefore(EARLIEST) || record.ts().isAfter(latest)) {
      return "record time " + record.ts() + " outside [" + EARLIEST + ", " + latest + "]";
    }
    return null;
  }

  private static String positionProblem(Record record) {
    if (!(record.lat() >= -90.0 && record.lat() <= 90.0)) {
      return "latitude " + record.lat() + " outside [-90, 90]";
    }
    if (!(record.lon() >= -180.0 && record.lon() <= 180.0)) {
      return "longitude " + record.lon() + " outside [-180, 180]";
    }
    return null;
  }

  private static String shortened(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 32 ? text : text.substring(0, 32) + "...";
  }
}
