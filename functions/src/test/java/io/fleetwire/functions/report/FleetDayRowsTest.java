package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.testsupport.SettableClock;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetDayRowsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-05-01");
  private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");

  /** Telemetry in memory whose position reads take a moment each and count how many run at once. */
  private static final class SlowTelemetry implements TelemetryStore {
    final InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    Runnable onRead = () -> { };

    @Override
    public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
        onRead.run();
        return store.positions(imei, from, to, limit, continuation);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    }

    @Override
    public void storeMessages(List<DeviceMessage> messages) {
      store.storeMessages(messages);
    }

    @Override
    public Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit, String continuation) {
      return store.messages(imei, from, to, limit, continuation);
    }

    @Override
    public void upsert(List<Record> records) {
      store.upsert(records);
    }

    @Override
    public Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
        String continuation) {
      return store.events(imei, from, to, eventIds, limit, continuation);
    }

    @Override
    public Optional<DeviceState> device(String imei) {
      return store.device(imei);
    }

    @Override
    public Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
      return store.devices(query, limit, continuation);
    }

    @Override
    public FleetCounts fleetCounts(Instant onlineSince) {
      return store.fleetCounts(onlineSince);
    }

    @Override
    public List<MapCell> mapCells(List<String> tiles) {
      return store.mapCells(tiles);
    }

    @Override
    public List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
      return store.devicesInTiles(tiles, limit);
    }

    @Override
    public DeviceState register(String imei, String name) {
      return store.register(imei, name);
    }

    @Override
    public boolean remove(String imei) {
      return store.remove(imei);
    }

    @Override
    public boolean isRegistered(String imei) {
      return store.isRegistered(imei);
    }

    @Override
    public void reject(RejectedMessage message) {
      store.reject(message);
    }

    @Override
    public List<RejectedMessage> rejected(int limit) {
      return store.rejected(limit);
    }
  }

  private static SlowTelemetry fleet(int devices) {
    SlowTelemetry telemetry = new SlowTelemetry();
    for (int i = 0; i < devices; i++) {
      telemetry.register(DailyReportJobCases.imei(i), null);
    }
    return telemetry;
  }

  private static List<String> imeis(List<FleetDayRow> rows) {
    return rows.stream().map(row -> row.report().imei()).toList();
  }

  @Test
  void computesDevicesInParallelButNeverMoreAtOnceThanItsParallelism() {
    SlowTelemetry telemetry = fleet(12);
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 3);

    FleetDayRows.Step step = rows.step(DAY, FleetDayRows.Position.START, 100, new SettableClock(NOON),
        NOON.plusSeconds(60));

    assertEquals(telemetry.devices(100, null).items().stream().map(DeviceState::imei).toList(), imeis(step.rows()));
    assertEquals(12, step.rows().size());
    assertTrue(step.end());
    assertEquals(3, telemetry.mostAtOnce.get());
  }

  @Test
  void stopsBetweenGroupsOnceTheDeadlineHasPassedAndStaysOnThatPage() {
    SlowTelemetry telemetry = fleet(12);
    SettableClock clock = new SettableClock(NOON);
    // every read takes a simulated second: the first group of three passes a two-second deadline
    telemetry.onRead = () -> clock.advance(Duration.ofSeconds(1));
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 3);

    FleetDayRows.Step step = rows.step(DAY, FleetDayRows.Position.START, 100, clock, NOON.plusSeconds(2));

    assertEquals(3, step.rows().size());
    assertFalse(step.end());
    assertEquals(new FleetDayRows.Position(null, DailyReportJobCases.imei(2)), step.next());
  }

  @Test
  void walksTheDevicePagesPassingOverDevicesAlreadyReported() {
    SlowTelemetry telemetry = fleet(5);
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 1);
    SettableClock clock = new SettableClock(NOON);

    FleetDayRows.Step first = rows.step(DAY, FleetDayRows.Position.START, 2, clock, NOON.plusSeconds(60));
    FleetDayRows.Position secondPage = first.next();
    FleetDayRows.Step resumed = rows.step(DAY, new FleetDayRows.Position(secondPage.cursor(),
        DailyReportJobCases.imei(2)), 2, clock, NOON.plusSeconds(60));
    FleetDayRows.Step last = rows.step(DAY, resumed.next(), 2, clock, NOON.plusSeconds(60));

    assertEquals(List.of(DailyReportJobCases.imei(0), DailyReportJobCases.imei(1)), imeis(first.rows()));
    assertFalse(first.end());
    assertEquals(List.of(DailyReportJobCases.imei(3)), imeis(resumed.rows()));
    assertEquals(List.of(DailyReportJobCases.imei(4)), imeis(last.rows()));
    assertTrue(last.end());
  }

  @Test
  void leavesOutADeviceWithMoreRecordsThanAReportReads() {
    InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
    telemetry.upsert(new SyntheticTrack(DailyReportJobCases.imei(1), NOON).at(0).at(10).at(20).records());
    telemetry.upsert(new SyntheticTrack(DailyReportJobCases.imei(2), NOON).at(0).records());
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb(), 2), 2);

    FleetDayRows.Step step = rows.step(DAY, FleetDayRows.Position.START, 10, new SettableClock(NOON), NOON);

    assertTrue(step.end());
    assertEquals(List.of(DailyReportJobCases.imei(2)), imeis(step.rows()));
  }
}
