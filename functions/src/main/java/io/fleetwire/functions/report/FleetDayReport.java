package io.fleetwire.functions.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The daily fleet report: one row per device for one UTC day. */
@JsonPropertyOrder({"date", "items"})
public record FleetDayReport(LocalDate date, List<FleetDayRow> items) {

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
