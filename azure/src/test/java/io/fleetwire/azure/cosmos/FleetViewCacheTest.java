package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FleetViewCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<List<String>> loads = new ArrayList<>();

  private List<MapCell> load(List<String> tiles) {
    loads.add(tiles);
    return tiles.stream().filter(tile -> !tile.equals("3")).map(tile -> new MapCell(tile, 2, 1, 1)).toList();
  }

  @Test
  void loadsOnlyTheTilesNotFreshAndKeepsEmptyOnesEmpty() {
    FleetViewCache cache = new FleetViewCache(Duration.ofSeconds(5), 100, nanos::get);

    cache.cells(List.of("0", "3"), this::load);
    List<MapCell> cells = cache.cells(List.of("3", "1", "0"), this::load);

    assertEquals(List.of(List.of("0", "3"), List.of("1")), loads);
    assertEquals(List.of("1", "0"), cells.stream().map(MapCell::tile).toList());
  }

  @Test
  void expiresAfterItsTtl() {
    FleetViewCache cache = new FleetViewCache(Duration.ofSeconds(5), 100, nanos::get);
    AtomicLong counted = new AtomicLong();

    cache.cells(List.of("0"), this::load);
    cache.counts(() -> new FleetCounts(counted.incrementAndGet(), 0, 0));
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    cache.cells(List.of("0"), this::load);
    FleetCounts counts = cache.counts(() -> new FleetCounts(counted.incrementAndGet(), 0, 0));

    assertEquals(2, loads.size());
    assertEquals(2, counts.devices());
  }

  @Test
  void aZeroTtlKeepsNothing() {
    FleetViewCache cache = new FleetViewCache(Duration.ZERO, 100, nanos::get);

    cache.cells(List.of("0"), this::load);
    cache.cells(List.of("0"), this::load);

    assertEquals(2, loads.size());
  }

  @Test
  void keepsAtMostItsBoundOfTiles() {
    FleetViewCache cache = new FleetViewCache(Duration.ofSeconds(5), 2, nanos::get);

    cache.cells(List.of("0", "1"), this::load);
    cache.cells(List.of("2"), this::load);
    cache.cells(List.of("0", "1", "2"), this::load);

    assertEquals(List.of(List.of("0", "1"), List.of("2"), List.of("0", "1")), loads,
        "past the bound the fresh tiles were dropped and loaded again");
  }
}
