package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
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
    public void upsert(List<Record> records) {
      store.upsert(records);
    }

    @Override
    public List<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds) {
      return store.events(imei, from, to, eventIds);
    }

    @Override
    public Optional<DeviceState> device(String imei) {
      return store.device(imei);
    }

    @Override
    public List<DeviceState> devices() {
      return store.devices();
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

  @Test
  void computesDevicesInParallelButNeverMoreAtOnceThanItsParallelism() {
    SlowTelemetry telemetry = fleet(12);
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 3);
    List<DeviceState> devices = rows.devicesAfter(null, 100);

    FleetDayRows.Batch batch = rows.compute(DAY, devices, new SettableClock(NOON), NOON.plusSeconds(60));

    assertEquals(12, batch.devicesDone());
    assertEquals(12, batch.rows().size());
    assertEquals(DailyReportJobCases.imei(11), batch.lastImei());
    assertEquals(List.of(devices.stream().map(DeviceState::imei).toArray()),
        List.of(batch.rows().stream().map(row -> row.report().imei()).toArray()));
    assertEquals(3, telemetry.mostAtOnce.get());
  }

  @Test
  void stopsBetweenGroupsOnceTheDeadlineHasPassed() {
    SlowTelemetry telemetry = fleet(12);
    SettableClock clock = new SettableClock(NOON);
    // every read takes a simulated second: the first group of three passes a two-second deadline
    telemetry.onRead = () -> clock.advance(Duration.ofSeconds(1));
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 3);

    FleetDayRows.Batch batch = rows.compute(DAY, rows.devicesAfter(null, 100), clock, NOON.plusSeconds(2));

    assertEquals(3, batch.devicesDone());
    assertEquals(DailyReportJobCases.imei(2), batch.lastImei());
  }

  @Test
  void listsDevicesAfterAnImeiInImeiOrder() {
    FleetDayRows rows = new FleetDayRows(new TrackReports(fleet(5), IoDictionary.fmb()), 1);

    assertEquals(List.of(DailyReportJobCases.imei(2), DailyReportJobCases.imei(3)),
        rows.devicesAfter(DailyReportJobCases.imei(1), 2).stream().map(DeviceState::imei).toList());
    assertEquals(List.of(), rows.devicesAfter(DailyReportJobCases.imei(4), 2));
  }

  @Test
  void leavesOutADeviceWithMoreRecordsThanAReportReads() {
    InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
    telemetry.upsert(new SyntheticTrack(DailyReportJobCases.imei(1), NOON).at(0).at(10).at(20).records());
    telemetry.upsert(new SyntheticTrack(DailyReportJobCases.imei(2), NOON).at(0).records());
    FleetDayRows rows = new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb(), 2), 2);

    FleetDayRows.Batch batch = rows.compute(DAY, rows.devicesAfter(null, 10), new SettableClock(NOON), NOON);

    assertEquals(2, batch.devicesDone());
    assertEquals(List.of(DailyReportJobCases.imei(2)), batch.rows().stream().map(r -> r.report().imei()).toList());
  }
}
