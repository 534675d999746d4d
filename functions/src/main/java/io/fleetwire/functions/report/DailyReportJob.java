package io.fleetwire.functions.report;

import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scheduled computation of the daily fleet report into a {@link FleetDayStore}. Each run looks
 * at the last {@link #LOOKBACK_DAYS} finished UTC days, newest first, and for each one not yet
 * complete computes rows page by page of the device list ({@link #DEVICES_PER_PAGE} devices in
 * IMEI order), saving the rows and then the progress after every page. It stops when its time budget is spent; the
 * next run resumes after the last saved page. A run that fails (store unavailable) loses at most
 * the page in hand, and computing a page again overwrites the same rows, so runs can overlap,
 * crash or repeat without a wrong or doubled row.
 *
 * <p>A day is taken up only {@link #SETTLE} after it ended, so frames still queued at midnight are
 * stored first. Records that arrive after a day was computed (a device that was offline for
 * longer) are not in its stored report.
 */
public final class DailyReportJob {
  public static final int LOOKBACK_DAYS = 7;
  public static final int DEVICES_PER_PAGE = 100;
  public static final Duration SETTLE = Duration.ofMinutes(10);
  /** Inside host.json's {@code functionTimeout} (4 min 30 s), with room for the last group and its save. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(4);
  private static final Logger LOG = LoggerFactory.getLogger(DailyReportJob.class);

  private final FleetDayRows computer;
  private final FleetDayStore days;
  private final Clock clock;
  private final Duration budget;
  private final int devicesPerPage;

  public DailyReportJob(FleetDayRows computer, FleetDayStore days, Clock clock, Duration budget) {
    this(computer, days, clock, budget, DEVICES_PER_PAGE);
  }

  DailyReportJob(FleetDayRows computer, FleetDayStore days, Clock clock, Duration budget, int devicesPerPage) {
    this.computer = computer;
    this.days = days;
    this.clock = clock;
    this.budget = budget;
    this.devicesPerPage = devicesPerPage;
  }

  /** What one run did: rows stored, days it completed, days it left unfinished for the next run. */
  public record Run(long rowsStored, List<LocalDate> completed, List<LocalDate> unfinished) {
    public Run {
      completed = List.copyOf(completed);
      unfinished = List.copyOf(unfinished);
    }
  }

  public Run run() {
    Instant started = clock.instant();
    Instant deadline = started.plus(budget);
    List<LocalDate> completed = new ArrayList<>();
    List<LocalDate> unfinished = new ArrayList<>();
    long stored = 0;
    for (LocalDate day : finishedDays(started)) {
      Optional<FleetDayProgress> saved = days.progress(day);
      if (saved.isPresent() && saved.get().complete()) {
        continue;
      }
      if (!clock.instant().isBefore(deadline)) {
        unfinished.add(day);
        continue;
      }
      FleetDayProgress progress = saved.orElseGet(() -> FleetDayProgress.begin(day, clock.instant()));
      long before = progress.rows();
      progress = computeDay(progress, deadline);
      stored += progress.rows() - before;
      (progress.complete() ? completed : unfinished).add(day);
    }
    return new Run(stored, completed, unfinished);
  }

  /** The days to look at, newest first: those that ended at least {@link #SETTLE} ago. */
  private static List<LocalDate> finishedDays(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<LocalDate> finished = new ArrayList<>();
    for (int back = 1; back <= LOOKBACK_DAYS; back++) {
      LocalDate day = today.minusDays(back);
      if (!now.isBefore(FleetDayReport.end(day).plus(SETTLE))) {
        finished.add(day);
      }
    }
    return finished;
  }

  private FleetDayProgress computeDay(FleetDayProgress start, Instant deadline) {
    FleetDayProgress progress = start;
    while (clock.instant().isBefore(deadline)) {
      FleetDayRows.Step step = step(progress, deadline);
      FleetDayProgress saved = progress.advance(step.next().cursor(), step.next().after(), step.rows().size(),
          clock.instant());
      if (step.end()) {
        saved = saved.finish(clock.instant());
      }
      days.save(step.rows(), saved);
      progress = saved;
      if (progress.complete()) {
        LOG.info("daily report of {} stored: {} rows", progress.date(), progress.rows());
        break;
      }
    }
    return progress;
  }

  /**
   * The next step of the day's walk through the devices. A device page token the store no longer
   * reads (the store's token format changed between runs) restarts the walk from the first page,
   * passing over the devices already reported.
   */
  private FleetDayRows.Step step(FleetDayProgress progress, Instant deadline) {
    FleetDayRows.Position at = new FleetDayRows.Position(progress.cursor(), progress.after());
    try {
      return computer.step(progress.date(), at, devicesPerPage, clock, deadline);
    } catch (IllegalArgumentException e) {
      if (progress.cursor() == null) {
        throw e;
      }
      LOG.warn("daily report of {}: the saved device page is no longer readable ({}); continuing after {} from the "
          + "first page", progress.date(), e.getMessage(), progress.after());
      return computer.step(progress.date(), new FleetDayRows.Position(null, progress.after()), devicesPerPage, clock,
          deadline);
    }
  }
}
