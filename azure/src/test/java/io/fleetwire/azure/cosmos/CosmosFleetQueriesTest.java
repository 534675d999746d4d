package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.cosmos.util.CosmosPagedFlux;
import com.azure.cosmos.util.UtilBridgeInternal;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

/**
 * What the Cosmos fleet views cost and need beyond the shared contract: the queries each view
 * issues, as the store's read counter reports them, and the declared composite index the change
 * listing's two-property ORDER BY runs on (the Cosmos server refuses that query without it, as
 * Cosmos DB does).
 */
class CosmosFleetQueriesTest {
  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
  private static final String TILE_A = Quadkey.of(54.6872, 25.2797, 8);
  private static final String TILE_B = Quadkey.of(40.4168, -3.7038, 8);
  private static final String EMPTY_TILE = Quadkey.of(-33.8688, 151.2093, 8);

  private final CosmosServerDatabase database = CosmosServerDatabase.create();
  private final CosmosTelemetryStore store = database.telemetryStore();

  private static String imei(int n) {
    return String.valueOf(356307042440000L + n);
  }

  private static Record record(String imei, int seconds, double lat, double lon) {
    Instant ts = T0.plusSeconds(seconds);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) seconds}), imei, ts, ts.plusMillis(500), lat, lon,
        120, 90, 40, 9, 1, 0, null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  @Test
  void mapCellsCountEveryTileAndAverageOnlyTheOccupiedOnes() {
    store.upsert(List.of(record(imei(1), 0, 54.60, 25.20), record(imei(2), 0, 54.70, 25.30),
        record(imei(3), 0, 40.4168, -3.7038)));
    CosmosReadCounter.Reads before = store.readCounter().snapshot();

    List<MapCell> cells = store.mapCells(List.of(EMPTY_TILE, TILE_B, TILE_A));

    assertEquals(List.of(TILE_B, TILE_A), cells.stream().map(MapCell::tile).toList());
    assertEquals(List.of(1L, 2L), cells.stream().map(MapCell::count).toList());
    assertEquals(54.65, cells.get(1).lat(), 1e-9);
    assertEquals(25.25, cells.get(1).lon(), 1e-9);
    CosmosReadCounter.Reads read = store.readCounter().snapshot().minus(before);
    assertEquals(3 + 2 * 2, read.queries(), "a count per tile, two averages per occupied tile");
    assertEquals(read.queries(), read.items(), "each aggregate answers one value");
    assertEquals(read.pages(), read.requestCharge(), 1e-9, "the server charges 1 RU a response");
  }

  @Test
  void aSecondViewerWithinTheFleetViewTtlCostsNoQueries() {
    CosmosTelemetryStore shared = new CosmosTelemetryStore(database.container(CosmosTelemetryStore.TELEMETRY),
        database.container(CosmosTelemetryStore.DEVICES), database.container(CosmosTelemetryStore.REJECTED),
        database.container(CosmosTelemetryStore.MESSAGES), null, CosmosServerDatabase.TIMEOUT,
        java.time.Clock.systemUTC(), Duration.ofMinutes(1));
    shared.upsert(List.of(record(imei(1), 0, 54.60, 25.20), record(imei(2), 0, 40.4168, -3.7038)));
    List<MapCell> first = shared.mapCells(List.of(EMPTY_TILE, TILE_B, TILE_A));
    shared.fleetCounts(T0);
    CosmosReadCounter.Reads before = shared.readCounter().snapshot();

    List<MapCell> second = shared.mapCells(List.of(TILE_A, EMPTY_TILE, TILE_B));
    shared.fleetCounts(T0);

    assertEquals(0, shared.readCounter().snapshot().minus(before).queries(), "the second viewer's view was cached");
    assertEquals(List.of(first.get(1), first.get(0)), second, "the cached cells come in the order asked");
  }

  @Test
  void fleetCountsAreThreeCountQueries() {
    store.upsert(List.of(record(imei(1), 0, 54.6, 25.2), record(imei(2), 600, 54.7, 25.3)));
    store.register(imei(3), "Parked");
    CosmosReadCounter.Reads before = store.readCounter().snapshot();

    assertEquals(new io.fleetwire.contract.fleet.FleetCounts(3, 1, 1), store.fleetCounts(T0.plusSeconds(300)));

    CosmosReadCounter.Reads read = store.readCounter().snapshot().minus(before);
    assertEquals(3, read.queries());
    assertEquals(3, read.items());
  }

  @Test
  void theChangeListingPagesInChangeOrderOnTheCompositeIndex() throws InterruptedException {
    Instant start = Instant.now().minusMillis(1);
    List<String> changed = new ArrayList<>();
    for (int n : new int[] {5, 2, 9, 1}) {
      store.upsert(List.of(record(imei(n), 0, 54.6, 25.2)));
      changed.add(imei(n));
      Thread.sleep(3);
    }
    CosmosReadCounter.Reads before = store.readCounter().snapshot();

    List<String> listed = new ArrayList<>();
    String next = null;
    do {
      Page<DeviceState> page = store.devices(new DeviceQuery(null, start), 3, next);
      page.items().forEach(d -> listed.add(d.imei()));
      next = page.next();
    } while (next != null);

    assertEquals(changed, listed);
    CosmosReadCounter.Reads read = store.readCounter().snapshot().minus(before);
    assertEquals(4, read.items(), "the documents listed, and no others");
  }

  @Test
  void mapCellsQueryAtMostTheBoundOfTilesAtATime() {
    List<String> tiles = new ArrayList<>();
    List<Record> records = new ArrayList<>();
    for (int n = 0; n < CosmosFleetQueries.PARALLEL_TILES * 3; n++) {
      double lon = -170 + n * 7;
      tiles.add(Quadkey.of(10, lon, 6));
      records.add(record(imei(n), 0, 10, lon));
    }
    CosmosAsyncContainer devices = spy(database.container(CosmosTelemetryStore.DEVICES));
    CosmosTelemetryStore watched = new CosmosTelemetryStore(database.container(CosmosTelemetryStore.TELEMETRY), devices,
        database.container(CosmosTelemetryStore.REJECTED), database.container(CosmosTelemetryStore.MESSAGES), null,
        CosmosServerDatabase.TIMEOUT);
    watched.upsert(records);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    doAnswer(call -> {
      @SuppressWarnings("unchecked")
      CosmosPagedFlux<Long> real = (CosmosPagedFlux<Long>) call.callRealMethod();
      // each count answered 50 ms late, so every count the bound lets start is in flight together
      return UtilBridgeInternal.<Long>createCosmosPagedFlux(options -> Mono.delay(Duration.ofMillis(50))
          .thenMany(real.byPage())
          .doOnSubscribe(s -> most.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
          .doFinally(signal -> inFlight.decrementAndGet()));
    }).when(devices).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(Long.class));

    List<MapCell> cells = watched.mapCells(tiles);

    assertEquals(tiles, cells.stream().map(MapCell::tile).toList());
    assertEquals(CosmosFleetQueries.PARALLEL_TILES, most.get(), "tile counts in flight at once");
  }
}
