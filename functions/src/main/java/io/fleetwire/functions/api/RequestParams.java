package io.fleetwire.functions.api;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Reads and checks the path and query values of a request; a bad one is a 400 saying why. */
final class RequestParams {
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  static final Duration MAX_RANGE = Duration.ofDays(31);
  static final int DEFAULT_LIMIT = 1000;
  static final int MAX_LIMIT = 10_000;
  /** Instants the API accepts: no record predates the Unix epoch, and four-digit years keep every sum in range. */
  static final Instant EARLIEST = Instant.EPOCH;
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  private static final Pattern IMEI = Pattern.compile("[0-9]{15}");

  private final Clock clock;

  RequestParams(Clock clock) {
    this.clock = clock;
  }

  static String imei(String value) {
    if (value == null || !IMEI.matcher(value).matches()) {
      throw ApiException.badRequest("bad_imei",
          "IMEI must be exactly 15 digits, got " + quoted(value));
    }
    return value;
  }

  /** {@code from}/{@code to}; {@code to} defaults to now and {@code from} to 24 h before {@code to}. */
  TimeRange range(ApiRequest request) {
    Instant to = request.param("to").map(v -> instant("to", v)).orElseGet(clock::instant);
    Instant from = request.param("from").map(v -> instant("from", v)).orElse(to.minus(DEFAULT_RANGE));
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("bad_range", "'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.badRequest("range_too_long", "the range from " + from + " to " + to
          + " is longer than " + MAX_RANGE.toDays() + " days");
    }
    return new TimeRange(from, to);
  }

  static int limit(ApiRequest request) {
    String value = request.param("limit").orElse(null);
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw ApiException.badRequest("bad_limit",
        "'limit' must be a whole number from 1 to " + MAX_LIMIT + ", got " + quoted(value));
  }

  /** {@code date=YYYY-MM-DD}; defaults to today (UTC). */
  LocalDate date(ApiRequest request) {
    String value = request.param("date").orElse(null);
    if (value == null) {
      return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(value);
    } catch (DateTimeException e) {
      throw ApiException.badRequest("bad_date", "'date' must be a day as YYYY-MM-DD, got " + quoted(value));
    }
    if (date.getYear() < 1970 || date.getYear() > 9998) {
      throw ApiException.badRequest("bad_date", "'date' must be a day from 1970 to 9998, got " + quoted(value));
    }
    return date;
  }

  static Instant instant(String name, String value) {
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeException e) {
      throw ApiException.badRequest("bad_time", "'" + name
          + "' must be an ISO-8601 instant such as 2024-05-01T00:00:00Z, got " + quoted(value));
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.badRequest("bad_time", "'" + name + "' must be between " + EARLIEST + " and " + LATEST
          + ", got " + quoted(value));
    }
    return instant;
  }

  static String quoted(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
    return "'" + shown + "'";
  }
}
