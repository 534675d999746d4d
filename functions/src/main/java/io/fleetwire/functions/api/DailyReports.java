package io.fleetwire.functions.api;

import io.fleetwire.contract.registry.Imei;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.functions.report.FleetDayCsv;
import io.fleetwire.functions.report.FleetDayReport;
import io.fleetwire.functions.report.FleetDayRows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/reports/daily?date&format&limit&next}: one row per device for a UTC day, a page
 * at a time. A past day the scheduled computation has completed is read from the
 * {@link FleetDayStore}; today, a day not yet computed, or every day where there is no such store
 * (the local runtime) is computed per device on demand, at most {@code limit} devices and about
 * {@link #COMPUTE_BUDGET} per request, so a request never runs into the HTTP timeout of the
 * Functions host. Either way the rows and their JSON and CSV are the same; {@code next} says
 * whether more follow. CSV pages carry the header line only on the first page, so the pages
 * concatenate into one file, and name the next page in a {@code Link} header.
 */
final class DailyReports {
  static final Duration COMPUTE_BUDGET = Duration.ofSeconds(20);
  private static final String STORED = "stored/";
  private static final String COMPUTED = "computed/";

  private final FleetDayRows computer;
  private final FleetDayStore days;
  private final RequestParams params;
  private final Clock clock;

  /** @param days stored reports, {@code null} to compute every day on demand */
  DailyReports(FleetDayRows computer, FleetDayStore days, RequestParams params, Clock clock) {
    this.computer = computer;
    this.days = days;
    this.params = params;
    this.clock = clock;
  }

  ApiResponse daily(ApiRequest request) {
    String format = request.param("format").orElse("json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw ApiException.badRequest("bad_format", "'format' must be json or csv, got " + RequestParams.quoted(format));
    }
    LocalDate date = params.date(request);
    boolean csv = format.equals("csv");
    // a spreadsheet download without a limit takes as many rows as one page may hold
    int limit = csv && request.param("limit").isEmpty() ? RequestParams.MAX_LIMIT : RequestParams.limit(request);
    String token = request.param("next").orElse(null);
    FleetDayReport day = page(date, limit, token);
    if (!csv) {
      return ApiResponse.json(200, day);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Disposition", "attachment; filename=\"fleet-" + date + ".csv\"");
    if (day.next() != null) {
      headers.put("Link", "<" + FleetApi.PREFIX + "/reports/daily?date=" + date + "&format=csv&limit=" + limit
          + "&next=" + day.next() + ">; rel=\"next\"");
    }
    return ApiResponse.text(200, ApiResponse.CSV, FleetDayCsv.write(day, token == null), headers);
  }

  private FleetDayReport page(LocalDate date, int limit, String token) {
    if (token == null) {
      return isStored(date) ? stored(date, limit, null) : computed(date, limit, FleetDayRows.Position.START);
    }
    String continuation = ContinuationToken.open(STORED + date, token);
    if (continuation != null) {
      return stored(date, limit, continuation);
    }
    FleetDayRows.Position position = position(ContinuationToken.open(COMPUTED + date, token));
    if (position == null) {
      throw invalid(token, date);
    }
    try {
      return computed(date, limit, position);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw invalid(token, date);
    }
  }

  private boolean isStored(LocalDate date) {
    if (days == null || !date.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      return false;
    }
    return days.progress(date).map(FleetDayProgress::complete).orElse(false);
  }

  private FleetDayReport stored(LocalDate date, int limit, String continuation) {
    if (days == null) {
      throw ApiException.badRequest("bad_next", "'next' names a stored report, and this server stores none");
    }
    Page<FleetDayRow> page;
    try {
      page = days.rows(date, limit, continuation);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw invalid(ContinuationToken.wrap(STORED + date, continuation), date);
    }
    return new FleetDayReport(date, page.items(), ContinuationToken.wrap(STORED + date, page.next()));
  }

  /**
   * Rows of the devices from {@code position} on: steps through the device list until a step
   * computed rows, the list ends or the budget is spent (a page of devices all reported already
   * only moves the position on).
   */
  private FleetDayReport computed(LocalDate date, int limit, FleetDayRows.Position position) {
    Instant deadline = clock.instant().plus(COMPUTE_BUDGET);
    FleetDayRows.Step step;
    FleetDayRows.Position at = position;
    do {
      step = computer.step(date, at, limit, clock, deadline);
      at = step.next();
    } while (step.rows().isEmpty() && !step.end() && clock.instant().isBefore(deadline));
    String next = step.end() ? null : ContinuationToken.wrap(COMPUTED + date, token(at));
    return new FleetDayReport(date, step.rows(), next);
  }

  /** A position as the inside of a token: the last IMEI reported (or nothing), a colon, the device page token. */
  private static String token(FleetDayRows.Position position) {
    return (position.after() == null ? "" : position.after()) + ':' + (position.cursor() == null ? "" : position.cursor());
  }

  private static FleetDayRows.Position position(String token) {
    if (token == null) {
      return null;
    }
    int colon = token.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String after = token.substring(0, colon);
    String cursor = token.substring(colon + 1);
    if (!after.isEmpty() && !Imei.isWellFormed(after)) {
      return null;
    }
    return new FleetDayRows.Position(cursor.isEmpty() ? null : cursor, after.isEmpty() ? null : after);
  }

  private static ApiException invalid(String token, LocalDate date) {
    return ApiException.badRequest("bad_next", "'next' " + RequestParams.quoted(token)
        + " is not a continuation of the daily report of " + date + "; pass the 'next' of the previous page unchanged");
  }
}
