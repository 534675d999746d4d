package io.fleetwire.functions.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.report.FleetDayRow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A page of the daily fleet report: one row per device for one UTC day, in IMEI order;
 * {@code next} is the token of the following page, {@code null} on the last.
 */
@JsonPropertyOrder({"date", "items", "next"})
public record FleetDayReport(LocalDate date, List<FleetDayRow> items, String next) {

  public FleetDayReport {
    items = List.copyOf(items);
  }

  /** Start of the UTC day, inclusive. */
  public static Instant start(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Start of the next UTC day: the exclusive end of {@code date}. */
  public static Instant end(LocalDate date) {
    return start(date.plusDays(1));
  }
}
