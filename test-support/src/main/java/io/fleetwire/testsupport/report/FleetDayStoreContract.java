package io.fleetwire.testsupport.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.report.TemperatureSummary;
import io.fleetwire.contract.store.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** What every {@link FleetDayStore} must do; each implementation's test extends this. */
public abstract class FleetDayStoreContract {
  protected static final LocalDate DAY = LocalDate.parse("2026-11-27");
  protected static final LocalDate NEXT_DAY = DAY.plusDays(1);
  protected static final Instant NOW = Instant.parse("2026-11-28T00:10:00.123Z");

  protected FleetDayStore store;

  protected abstract FleetDayStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  /** A row whose figures all derive from {@code n}, so a mixed-up row shows. */
  protected static FleetDayRow row(LocalDate day, String imei, String name, int n) {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    TreeMap<String, Long> events = new TreeMap<>();
    DeviceReport.STANDARD_ALARMS.forEach(alarm -> events.put(alarm, 0L));
    events.put("crash", (long) n);
    TemperatureSummary temperature = n % 2 == 0 ? TemperatureSummary.NONE : new TemperatureSummary(-3.5, n + 0.25, 1.5);
    return new FleetDayRow(name, new DeviceReport(imei, from, from.plusSeconds(86_400), 100L * n, n + 0.125,
        60L * n, 30L * n, n, 10 * n, temperature, events));
  }

  protected static String imei(int i) {
    return String.valueOf(356307042440000L + i);
  }

  private static FleetDayProgress progress(LocalDate day, String after, long rows, boolean complete) {
    return new FleetDayProgress(day, complete ? null : "{\"token\":\"" + after + "\"}", after, rows, complete, NOW,
        NOW.plusSeconds(rows));
  }

  private List<FleetDayRow> readAll(LocalDate day, int limit) {
    return readAll(store, day, limit);
  }

  /** Every stored row of the day, read page by page. */
  public static List<FleetDayRow> readAll(FleetDayStore store, LocalDate day, int limit) {
    List<FleetDayRow> all = new ArrayList<>();
    String next = null;
    do {
      Page<FleetDayRow> page = store.rows(day, limit, next);
      all.addAll(page.items());
      next = page.next();
    } while (next != null);
    return all;
  }

  @Test
  void aDayNeverSavedHasNoProgressAndNoRows() {
    assertEquals(Optional.empty(), store.progress(DAY));
    Page<FleetDayRow> page = store.rows(DAY, 10, null);
    assertEquals(List.of(), page.items());
    assertNull(page.next());
  }

  @Test
  void savedRowsAreReadBackInImeiOrderWithEveryField() {
    FleetDayRow named = row(DAY, imei(2), "Van \"7\", north", 3);
    FleetDayRow unnamed = row(DAY, imei(1), null, 4);

    store.save(List.of(named, unnamed), progress(DAY, imei(2), 2, true));

    assertEquals(List.of(unnamed, named), store.rows(DAY, 10, null).items());
  }

  @Test
  void progressIsReadBackAsSaved() {
    FleetDayProgress first = progress(DAY, imei(1), 1, false);
    store.save(List.of(row(DAY, imei(1), null, 1)), first);
    assertEquals(Optional.of(first), store.progress(DAY));

    FleetDayProgress done = first.advance("page 2", imei(2), 1, NOW.plusSeconds(60)).finish(NOW.plusSeconds(61));
    store.save(List.of(row(DAY, imei(2), null, 2)), done);

    assertEquals(Optional.of(done), store.progress(DAY));
  }

  @Test
  void anEmptyPageOfRowsStillSavesTheProgress() {
    FleetDayProgress empty = progress(DAY, null, 0, true);

    store.save(List.of(), empty);

    assertEquals(Optional.of(empty), store.progress(DAY));
    assertEquals(List.of(), store.rows(DAY, 10, null).items());
  }

  @Test
  void rowsArePagedByLimitUntilNoContinuationIsLeft() {
    List<FleetDayRow> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(row(DAY, imei(i), "device " + i, i));
    }
    store.save(rows, progress(DAY, imei(4), 5, true));

    Page<FleetDayRow> first = store.rows(DAY, 2, null);
    assertEquals(rows.subList(0, 2), first.items());
    assertNotNull(first.next());
    Page<FleetDayRow> second = store.rows(DAY, 2, first.next());
    assertEquals(rows.subList(2, 4), second.items());
    assertEquals(rows, readAll(DAY, 2));
  }

  @Test
  void savingADayAgainOverwritesTheSameRows() {
    store.save(List.of(row(DAY, imei(1), "old name", 1), row(DAY, imei(2), null, 2)), progress(DAY, imei(2), 2, false));

    FleetDayRow recomputed = row(DAY, imei(1), "new name", 7);
    store.save(List.of(recomputed), progress(DAY, imei(1), 1, false));

    assertEquals(List.of(recomputed, row(DAY, imei(2), null, 2)), readAll(DAY, 10));
  }

  @Test
  void daysAreKeptApart() {
    store.save(List.of(row(DAY, imei(1), null, 1)), progress(DAY, imei(1), 1, true));
    store.save(List.of(row(NEXT_DAY, imei(1), null, 5), row(NEXT_DAY, imei(2), null, 6)),
        progress(NEXT_DAY, imei(2), 2, false));

    assertEquals(List.of(row(DAY, imei(1), null, 1)), readAll(DAY, 10));
    assertEquals(2, readAll(NEXT_DAY, 10).size());
    assertEquals(true, store.progress(DAY).orElseThrow().complete());
    assertEquals(false, store.progress(NEXT_DAY).orElseThrow().complete());
  }

  @Test
  void refusesARowOfAnotherDay() {
    assertThrows(IllegalArgumentException.class,
        () -> store.save(List.of(row(NEXT_DAY, imei(1), null, 1)), progress(DAY, imei(1), 1, false)));
  }

  @Test
  void refusesALimitBelowOneAndAMalformedContinuation() {
    store.save(List.of(row(DAY, imei(1), null, 1), row(DAY, imei(2), null, 2)), progress(DAY, imei(2), 2, true));

    assertThrows(IllegalArgumentException.class, () -> store.rows(DAY, 0, null));
    assertThrows(IllegalArgumentException.class, () -> store.rows(DAY, 1, "not a token"));
  }
}
