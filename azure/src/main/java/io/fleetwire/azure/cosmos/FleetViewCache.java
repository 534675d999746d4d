package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The fleet counts and map cells a Functions instance answered in the last few seconds, shared by
 * every dashboard it serves. Each viewer refreshes every 10 s and most look at the same fleet-wide
 * view, so without it every open dashboard would repeat the same aggregate queries; with it an
 * instance runs them once per {@code ttl} however many viewers it has. A cached answer is at most
 * {@code ttl} old; the counts are reused whatever online threshold they were asked with inside it.
 * A zero {@code ttl} keeps nothing. At most {@code maxTiles} tiles are kept: past that, everything
 * expired is dropped, and if that was not enough, all.
 */
final class FleetViewCache {
  private record Cached<T>(T value, long expiresAt) {
  }

  private final long ttlNanos;
  private final int maxTiles;
  private final LongSupplier nanoClock;
  private final Map<String, Cached<Optional<MapCell>>> tiles = new ConcurrentHashMap<>();
  private volatile Cached<FleetCounts> counts;

  FleetViewCache(Duration ttl, int maxTiles, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxTiles = maxTiles;
    this.nanoClock = nanoClock;
  }

  FleetCounts counts(Supplier<FleetCounts> load) {
    long now = nanoClock.getAsLong();
    Cached<FleetCounts> cached = counts;
    if (cached != null && now - cached.expiresAt() < 0) {
      return cached.value();
    }
    FleetCounts fresh = load.get();
    if (ttlNanos > 0) {
      counts = new Cached<>(fresh, now + ttlNanos);
    }
    return fresh;
  }

  /** The cells of {@code asked} in their order, loading only the tiles not fresh here. */
  List<MapCell> cells(List<String> asked, Function<List<String>, List<MapCell>> load) {
    long now = nanoClock.getAsLong();
    Map<String, Optional<MapCell>> known = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String tile : asked) {
      Cached<Optional<MapCell>> cached = tiles.get(tile);
      if (cached != null && now - cached.expiresAt() < 0) {
        known.put(tile, cached.value());
      } else {
        missing.add(tile);
      }
    }
    if (!missing.isEmpty()) {
      for (MapCell cell : load.apply(missing)) {
        known.put(cell.tile(), Optional.of(cell));
      }
      for (String tile : missing) {
        known.putIfAbsent(tile, Optional.empty());
      }
      if (ttlNanos > 0) {
        keep(missing, known, now);
      }
    }
    List<MapCell> cells = new ArrayList<>();
    for (String tile : asked) {
      known.get(tile).ifPresent(cells::add);
    }
    return cells;
  }

  private void keep(List<String> loaded, Map<String, Optional<MapCell>> known, long now) {
    if (tiles.size() + loaded.size() > maxTiles) {
      tiles.values().removeIf(cached -> now - cached.expiresAt() >= 0);
      if (tiles.size() + loaded.size() > maxTiles) {
        tiles.clear();
      }
    }
    for (String tile : loaded) {
      tiles.put(tile, new Cached<>(known.get(tile), now + ttlNanos));
    }
  }
}
