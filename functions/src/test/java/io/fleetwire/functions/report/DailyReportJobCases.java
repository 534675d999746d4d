package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.testsupport.SettableClock;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.testsupport.report.FleetDayStoreContract;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduled daily report computation, run as plain Java over telemetry in memory; each
 * subclass names the {@link FleetDayStore} the rows are stored in.
 */
abstract class DailyReportJobCases {
  static final LocalDate YESTERDAY = LocalDate.parse("2026-05-01");
  static final Instant AFTER_MIDNIGHT = Instant.parse("2026-05-02T00:10:00Z");
  static final int DEVICES = 10;
  static final int PER_PAGE = 3;
  /** Each page saved moves the clock this much: the budget then bounds pages, not wall time. */
  static final Duration PAGE_TIME = Duration.ofMinutes(1);

  private final InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
  private final SettableClock clock = new SettableClock(AFTER_MIDNIGHT);
  private final AtomicInteger saves = new AtomicInteger();
  private final AtomicInteger failOnSave = new AtomicInteger(-1);
  private FleetDayStore days;

  protected abstract FleetDayStore newFleetDayStore();

  @BeforeEach
  void fleet() {
    days = newFleetDayStore();
    for (int i = 0; i < DEVICES; i++) {
      telemetry.register(imei(i), "truck " + i);
    }
    // device 3 drives 10 minutes on 1 May and stops before midnight; device 7 sends on 30 April only
    telemetry.upsert(new SyntheticTrack(imei(3), Instant.parse("2026-05-01T08:00:00Z")).ignition(true).speed(40)
        .at(0).at(300).at(600).records());
    telemetry.upsert(new SyntheticTrack(imei(7), Instant.parse("2026-04-30T09:00:00Z")).at(0).at(60).records());
  }

  static String imei(int i) {
    return String.valueOf(356307042441000L + i);
  }

  /** The job over a store that counts its saves, moves the clock per save and fails one on request. */
  private DailyReportJob job(Duration budget) {
    FleetDayStore counting = new FleetDayStore() {
      @Override
      public Optional<FleetDayProgress> progress(LocalDate date) {
        return days.progress(date);
      }

      @Override
      public void save(List<FleetDayRow> rows, FleetDayProgress progress) {
        if (saves.getAndIncrement() == failOnSave.get()) {
          throw new StoreUnavailableException("the store is throttling", null);
        }
        days.save(rows, progress);
        clock.advance(PAGE_TIME);
      }

      @Override
      public Page<FleetDayRow> rows(LocalDate date, int limit, String continuation) {
        return days.rows(date, limit, continuation);
      }
    };
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 2);
    return new DailyReportJob(rows, counting, clock, budget, PER_PAGE);
  }

  private List<FleetDayRow> stored(LocalDate day) {
    return FleetDayStoreContract.readAll(days, day, 4);
  }

  @Test
  void storesYesterdaysRowOfEveryDeviceAndCompletesTheDay() {
    DailyReportJob.Run run = job(Duration.ofHours(1)).run();

    assertTrue(run.completed().contains(YESTERDAY), run.toString());
    FleetDayProgress progress = days.progress(YESTERDAY).orElseThrow();
    assertTrue(progress.complete());
    assertEquals(DEVICES, progress.rows());
    List<FleetDayRow> rows = stored(YESTERDAY);
    assertEquals(DEVICES, rows.size());
    for (int i = 0; i < DEVICES; i++) {
      assertEquals(imei(i), rows.get(i).report().imei());
      assertEquals("truck " + i, rows.get(i).name());
      assertEquals(FleetDayReport.start(YESTERDAY), rows.get(i).report().from());
    }
    assertEquals(3, rows.get(3).report().records());
    assertEquals(600, rows.get(3).report().drivingSeconds());
    assertEquals(0, rows.get(7).report().records());
  }

  @Test
  void fillsEveryMissingDayOfTheLookbackButNoOlderOne() {
    DailyReportJob.Run run = job(Duration.ofHours(1)).run();

    assertEquals(DailyReportJob.LOOKBACK_DAYS, run.completed().size(), run.toString());
    assertEquals(2, stored(YESTERDAY.minusDays(1)).get(7).report().records());
    assertTrue(days.progress(YESTERDAY.minusDays(DailyReportJob.LOOKBACK_DAYS - 1)).orElseThrow().complete());
    assertEquals(Optional.empty(), days.progress(YESTERDAY.minusDays(DailyReportJob.LOOKBACK_DAYS)));
    assertEquals(DailyReportJob.LOOKBACK_DAYS * (long) DEVICES, run.rowsStored());
  }

  @Test
  void leavesADayAloneUntilItHasSettled() {
    clock.set(AFTER_MIDNIGHT.minus(DailyReportJob.SETTLE).plusSeconds(1));

    DailyReportJob.Run run = job(Duration.ofHours(1)).run();

    assertEquals(Optional.empty(), days.progress(YESTERDAY));
    assertFalse(run.completed().contains(YESTERDAY));
    assertTrue(run.completed().contains(YESTERDAY.minusDays(1)), run.toString());
  }

  @Test
  void aCompleteDayIsNotComputedAgain() {
    job(Duration.ofHours(1)).run();
    int savesOfFirstRun = saves.get();

    DailyReportJob.Run second = job(Duration.ofHours(1)).run();

    assertEquals(savesOfFirstRun, saves.get());
    assertEquals(0, second.rowsStored());
    assertEquals(List.of(), second.completed());
  }

  @Test
  void stopsWhenItsBudgetIsSpentAndTheNextRunResumesAfterTheLastSavedPage() {
    // ten devices at three a page are four pages; two pages fit the budget
    DailyReportJob.Run first = job(PAGE_TIME.multipliedBy(2)).run();

    assertEquals(List.of(), first.completed());
    assertTrue(first.unfinished().contains(YESTERDAY), first.toString());
    FleetDayProgress halfway = days.progress(YESTERDAY).orElseThrow();
    assertFalse(halfway.complete());
    assertEquals(imei(5), halfway.after());
    assertEquals(6, stored(YESTERDAY).size());

    DailyReportJob.Run second = job(PAGE_TIME.multipliedBy(2)).run();

    assertEquals(List.of(YESTERDAY), second.completed());
    assertEquals(4, second.rowsStored());
    assertEquals(DEVICES, stored(YESTERDAY).size());
    assertEquals(DEVICES, days.progress(YESTERDAY).orElseThrow().rows());
  }

  @Test
  void aFailedSaveLosesOnlyItsPageAndTheNextRunCompletesTheDay() {
    failOnSave.set(1);

    assertThrows(StoreUnavailableException.class, () -> job(Duration.ofHours(1)).run());
    assertEquals(imei(2), days.progress(YESTERDAY).orElseThrow().after());

    job(Duration.ofHours(1)).run();

    assertEquals(DEVICES, stored(YESTERDAY).size());
    assertEquals(DEVICES, days.progress(YESTERDAY).orElseThrow().rows());
  }

  @Test
  void computingADayAgainOverwritesTheSameRows() {
    job(Duration.ofHours(1)).run();
    List<FleetDayRow> before = stored(YESTERDAY);
    // an operator resets the day's progress to have it computed again, e.g. after late data
    days.save(List.of(), FleetDayProgress.begin(YESTERDAY, clock.instant()));

    DailyReportJob.Run again = job(Duration.ofHours(1)).run();

    assertEquals(List.of(YESTERDAY), again.completed());
    assertEquals(before, stored(YESTERDAY));
    assertEquals(DEVICES, days.progress(YESTERDAY).orElseThrow().rows());
  }
}
