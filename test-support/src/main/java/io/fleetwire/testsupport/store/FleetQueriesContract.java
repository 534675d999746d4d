package io.fleetwire.testsupport.store;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet queries every {@link TelemetryStore} must answer alike: device search and change
 * listings ({@link TelemetryStore#devices(DeviceQuery, int, String)}), the fleet counts and the map
 * tiles. A subclass supplies a fresh, empty store on the given clock, by which the store times each
 * change of a device; the tests move that clock.
 */
public abstract class FleetQueriesContract {
  protected static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  private static final String VILNIUS_TILE = Quadkey.of(54.6872, 25.2797, 12);

  protected final SettableClock clock = new SettableClock(T0);
  protected TelemetryStore store;

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract TelemetryStore newStore(Clock clock);

  @BeforeEach
  void openStore() {
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** A record of the device at {@code lat}/{@code lon}, {@code seconds} after T0, received one second later. */
  protected static Record fix(String imei, long seconds, Double lat, Double lon, int speed) {
    Instant ts = T0.plusSeconds(seconds);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) speed, (byte) seconds}), imei, ts, ts.plusSeconds(1),
        lat, lon, lat != null, 100, 45, speed, lat == null ? 0 : 8, 0, 0, null, null, null, null);
  }

  private static String imei(int i) {
    return "3563070424" + String.format("%05d", i);
  }

  private void tick() {
    clock.advance(Duration.ofMillis(1));
  }

  /** Every device of the query, following each page's continuation to the end. */
  private List<String> all(DeviceQuery query, int pageSize) {
    List<String> imeis = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Page<DeviceState> page = store.devices(query, pageSize, next);
      assertTrue(page.items().size() <= pageSize, "page larger than the limit");
      page.items().forEach(device -> imeis.add(device.imei()));
      next = page.next();
      assertTrue(++pages < 1000, "continuation never ended");
    } while (next != null);
    return imeis;
  }

  private static DeviceQuery text(String text) {
    return new DeviceQuery(text, null);
  }

  private static DeviceQuery since(Instant since) {
    return new DeviceQuery(null, since);
  }

  @Test
  void searchFindsAnImeiPrefixButNotTheMiddleOfAnImei() {
    store.register("352093081452201", "Van 1");
    store.register("352093081452202", "Van 2");
    store.register("356307042441003", "Van 3");

    assertEquals(List.of("352093081452201", "352093081452202"), all(text("3520930814522"), 10));
    assertEquals(List.of("356307042441003"), all(text("356307042441003"), 10));
    assertEquals(List.of(), all(text("0930814522"), 10));
  }

  @Test
  void searchFindsANameContainingTheTextIgnoringCase() {
    store.register(imei(1), "Reefer North");
    store.register(imei(2), "reefer south");
    store.register(imei(3), "Ölwagen");
    store.upsert(List.of(fix(imei(4), 0, 54.7, 25.3, 0)));

    assertEquals(List.of(imei(1), imei(2)), all(text("REEFER"), 10));
    assertEquals(List.of(imei(2)), all(text("ER SOU"), 10));
    assertEquals(List.of(imei(3)), all(text("ÖLW"), 10));
    assertEquals(List.of(imei(3)), all(text("ölw"), 10));
    assertEquals(List.of(), all(text("%"), 10));
  }

  @Test
  void searchPagesByImeiThroughEveryMatchOnceWhateverThePageSize() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      store.register(imei(i), i % 3 == 0 ? "Truck " + i : "Van " + i);
      if (i % 3 != 0) {
        expected.add(imei(i));
      }
    }
    for (int pageSize : new int[] {1, 2, 3, 5, 6, 7}) {
      assertEquals(expected, all(text("van"), pageSize), "page size " + pageSize);
    }
    assertEquals(9, all(DeviceQuery.ALL, 4).size());
  }

  @Test
  void changesAreListedInTheOrderTheyHappenedWithTiesByImei() {
    store.register(imei(1), "Before");
    tick();
    Instant since = clock.instant();
    tick();
    store.upsert(List.of(fix(imei(5), 0, 54.7, 25.3, 10)));
    tick();
    store.register(imei(3), "Van 3");
    store.register(imei(2), "Van 2");
    tick();
    store.upsert(List.of(fix(imei(4), 0, 54.7, 25.3, 10)));

    List<String> expected = List.of(imei(5), imei(2), imei(3), imei(4));
    for (int pageSize : new int[] {1, 2, 3, 4, 5}) {
      assertEquals(expected, all(since(since), pageSize), "page size " + pageSize);
    }
    assertEquals(List.of(imei(1), imei(5), imei(2), imei(3), imei(4)), all(since(T0.minusMillis(1)), 2));
  }

  @Test
  void aChangeExactlyAtTheInstantIsNotAfterIt() {
    store.register(imei(1), "Van 1");
    Instant at = clock.instant();
    tick();
    store.register(imei(2), "Van 2");

    assertEquals(List.of(imei(2)), all(since(at), 10));
    assertEquals(List.of(imei(1), imei(2)), all(since(at.minusNanos(1)), 10));
  }

  @Test
  void aDeviceChangedAgainMovesToTheEndEvenWhilePaging() {
    for (int i = 1; i <= 4; i++) {
      tick();
      store.register(imei(i), "Van " + i);
    }
    Page<DeviceState> first = store.devices(since(T0), 2, null);
    assertEquals(List.of(imei(1), imei(2)), first.items().stream().map(DeviceState::imei).toList());
    tick();
    store.upsert(List.of(fix(imei(1), 0, 54.7, 25.3, 10)));

    Page<DeviceState> rest = store.devices(since(T0), 10, first.next());
    assertEquals(List.of(imei(3), imei(4), imei(1)), rest.items().stream().map(DeviceState::imei).toList());
    assertNull(rest.next());
    assertEquals(List.of(imei(2), imei(3), imei(4), imei(1)), all(since(T0), 3));
  }

  @Test
  void newDataRenamingAndRemovingAreChangesButAResentRecordIsNot() {
    Record first = fix(imei(1), 0, 54.7, 25.3, 10);
    store.upsert(List.of(first));
    store.register(imei(2), "Van 2");
    store.upsert(List.of(fix(imei(3), 0, 54.7, 25.3, 10)));
    store.register(imei(3), "Van 3");
    tick();
    Instant since = clock.instant();
    tick();
    store.upsert(List.of(first));
    assertEquals(List.of(), all(since(since), 10));

    store.upsert(List.of(fix(imei(1), 5, 54.8, 25.3, 10)));
    tick();
    store.register(imei(2), "Van 2b");
    tick();
    assertTrue(store.remove(imei(3)));

    assertEquals(List.of(imei(1), imei(2), imei(3)), all(since(since), 10));
    assertEquals("Van 2b", store.devices(since(since), 10, null).items().get(1).name());
    assertNull(store.devices(since(since), 10, null).items().get(2).name());
  }

  @Test
  void changesCanBeSearchedToo() {
    store.register(imei(1), "Van 1");
    tick();
    store.register(imei(2), "Truck 2");
    tick();
    store.register(imei(3), "Van 3");

    assertEquals(List.of(imei(1), imei(3)), all(new DeviceQuery("VAN", T0.minusMillis(1)), 1));
    assertEquals(List.of(imei(3)), all(new DeviceQuery("van", T0), 1));
  }

  @Test
  void aBadLimitOrATokenOfTheOtherOrderIsRefused() {
    store.register(imei(1), "Van 1");
    store.register(imei(2), "Van 2");
    String byImei = store.devices(DeviceQuery.ALL, 1, null).next();
    String byChange = store.devices(since(T0.minusMillis(1)), 1, null).next();

    assertThrows(IllegalArgumentException.class, () -> store.devices(text("van"), 0, null));
    assertThrows(IllegalArgumentException.class, () -> store.devices(since(T0), 1, "not a token"));
    assertThrows(IllegalArgumentException.class, () -> store.devices(DeviceQuery.ALL, 1, byChange));
    assertThrows(IllegalArgumentException.class, () -> store.devices(since(T0.minusMillis(1)), 1, byImei));
    assertThrows(IllegalArgumentException.class, () -> store.devices(DeviceQuery.ALL, 1, "|" + byImei));
    assertThrows(IllegalArgumentException.class, () -> store.devices(since(T0), 1, "12|"));
  }

  @Test
  void countsOnlineFromTheThresholdOnAndMovingOnlyAmongTheOnline() {
    store.upsert(List.of(fix(imei(1), 0, 54.7, 25.3, 30), fix(imei(2), 10, 54.7, 25.3, 0),
        fix(imei(3), 20, 54.7, 25.3, 50), fix(imei(4), 30, null, null, 20)));
    store.register(imei(5), "Never seen");
    store.register(imei(6), "Forgotten");
    store.remove(imei(6));

    // received at T0 + 1, 11, 21, 31 s
    assertEquals(new FleetCounts(5, 4, 3), store.fleetCounts(T0.plusSeconds(1)));
    assertEquals(new FleetCounts(5, 3, 2), store.fleetCounts(T0.plusSeconds(1).plusMillis(1)));
    assertEquals(new FleetCounts(5, 2, 2), store.fleetCounts(T0.plusSeconds(21)));
    assertEquals(new FleetCounts(5, 0, 0), store.fleetCounts(T0.plusSeconds(32)));
    store.upsert(List.of(fix(imei(3), 40, 54.7, 25.3, 0)));
    assertEquals(new FleetCounts(5, 2, 1), store.fleetCounts(T0.plusSeconds(21)));
  }

  @Test
  void mapCellsCountDevicesAndTheirMeanPositionTileByTile() {
    store.upsert(List.of(fix(imei(1), 0, 54.68, 25.27, 0), fix(imei(2), 0, 54.69, 25.29, 0),
        fix(imei(3), 0, 54.70, 25.28, 0), fix(imei(4), 0, 52.52, 13.40, 0)));
    String vilnius = Quadkey.of(54.69, 25.28, 10);
    String berlin = Quadkey.of(52.52, 13.40, 6);
    String empty = Quadkey.of(-33.87, 151.21, 8);

    List<MapCell> cells = store.mapCells(List.of(berlin, empty, vilnius));

    assertEquals(List.of(berlin, vilnius), cells.stream().map(MapCell::tile).toList());
    assertEquals(1, cells.get(0).count());
    assertEquals(52.52, cells.get(0).lat(), 1e-9);
    assertEquals(13.40, cells.get(0).lon(), 1e-9);
    assertEquals(3, cells.get(1).count());
    assertEquals(54.69, cells.get(1).lat(), 1e-9);
    assertEquals(25.28, cells.get(1).lon(), 1e-9);
    MapCell world = store.mapCells(List.of("")).get(0);
    assertEquals(4, world.count());
    assertEquals((54.68 + 54.69 + 54.70 + 52.52) / 4, world.lat(), 1e-9);
    assertEquals((25.27 + 25.29 + 25.28 + 13.40) / 4, world.lon(), 1e-9);
  }

  @Test
  void aDeviceWithoutAFixOrAtZeroZeroHasNoPosition() {
    store.upsert(List.of(fix(imei(1), 0, 0.0, 0.0, 0), fix(imei(2), 0, null, null, 0)));
    store.register(imei(3), "Never seen");

    assertEquals(List.of(), store.mapCells(List.of("")));
    assertEquals(List.of(), store.devicesInTiles(List.of(""), 10));
  }

  @Test
  void aDeviceThatMovedIsCountedInItsNewCellOnly() {
    store.upsert(List.of(fix(imei(1), 0, 54.6872, 25.2797, 20)));
    String berlin = Quadkey.of(52.52, 13.40, 12);
    assertEquals(List.of(VILNIUS_TILE), store.mapCells(List.of(VILNIUS_TILE, berlin)).stream()
        .map(MapCell::tile).toList());

    store.upsert(List.of(fix(imei(1), 60, 52.52, 13.40, 20)));
    assertEquals(List.of(berlin), store.mapCells(List.of(VILNIUS_TILE, berlin)).stream().map(MapCell::tile).toList());
    store.upsert(List.of(fix(imei(1), 30, 54.6872, 25.2797, 20)));
    assertEquals(List.of(berlin), store.mapCells(List.of(VILNIUS_TILE, berlin)).stream().map(MapCell::tile).toList());
  }

  @Test
  void mapCellsRefuseTooManyTilesOrOneThatIsNoQuadkey() {
    List<String> tooMany = Collections.nCopies(TelemetryStore.MAX_MAP_TILES + 1, "0");
    assertThrows(IllegalArgumentException.class, () -> store.mapCells(tooMany));
    assertThrows(IllegalArgumentException.class, () -> store.mapCells(List.of("0124")));
    assertThrows(IllegalArgumentException.class, () -> store.devicesInTiles(List.of("x"), 10));
    assertEquals(List.of(), store.mapCells(List.of()));
  }

  @Test
  void devicesInTilesComeByImeiUpToTheLimit() {
    List<Record> records = new ArrayList<>();
    for (int i = 9; i >= 0; i--) {
      records.add(fix(imei(i), 0, 54.68 + i * 0.001, 25.28, 0));
    }
    records.add(fix(imei(20), 0, 52.52, 13.40, 0));
    records.add(fix(imei(30), 0, -33.87, 151.21, 0));
    store.upsert(records);
    String vilnius = Quadkey.of(54.685, 25.28, 8);
    String berlin = Quadkey.of(52.52, 13.40, 15);

    List<DeviceState> inTiles = store.devicesInTiles(List.of(berlin, vilnius), 100);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add(imei(i));
    }
    expected.add(imei(20));
    assertEquals(expected, inTiles.stream().map(DeviceState::imei).toList());
    assertEquals(records.get(0), inTiles.get(9).last());
    assertEquals(expected.subList(0, 4), store.devicesInTiles(List.of(berlin, vilnius), 4).stream()
        .map(DeviceState::imei).toList());
    assertThrows(IllegalArgumentException.class, () -> store.devicesInTiles(List.of(berlin), 0));
  }
}
