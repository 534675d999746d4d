package io.fleetwire.contract.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How far the stored daily fleet report of one UTC day has come. Devices are reported in IMEI
 * order, page by page of the store's device list: every device up to and including {@code after}
 * has its row stored, and the devices after it are on the device page {@code cursor}. A complete
 * day is served from the store; an incomplete one is resumed from there by the next run.
 *
 * @param cursor    the device list's continuation token of the page to read next, {@code null} for the first page
 * @param after     IMEI of the last device whose row is stored, {@code null} before the first
 * @param rows      rows stored so far
 * @param complete  true once every device has its row
 * @param startedAt when the first run for this day began
 * @param updatedAt when this progress was saved
 */
public record FleetDayProgress(LocalDate date, String cursor, String after, long rows, boolean complete,
    Instant startedAt, Instant updatedAt) {

  public FleetDayProgress {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative, got " + rows);
    }
  }

  /** A day no run has touched yet. */
  public static FleetDayProgress begin(LocalDate date, Instant now) {
    return new FleetDayProgress(date, null, null, 0, false, now, now);
  }

  /** This progress moved to {@code cursor} and past {@code after}, with {@code stored} more rows. */
  public FleetDayProgress advance(String cursor, String after, int stored, Instant now) {
    return new FleetDayProgress(date, cursor, after, rows + stored, false, startedAt, now);
  }

  /** This progress with every device reported. */
  public FleetDayProgress finish(Instant now) {
    return new FleetDayProgress(date, null, after, rows, true, startedAt, now);
  }
}
