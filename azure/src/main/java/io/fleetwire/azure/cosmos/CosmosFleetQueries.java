package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fleet views over the {@code devices} container, all cross-partition queries on paths its
 * declaration indexes ({@code infra/cosmos/containers/devices.json}):
 *
 * <ul>
 *   <li>listings by IMEI (range index on {@code /imei}), or by {@code changedAt, imei} after a time,
 *       served by the composite index {@code (/changedAt ASC, /imei ASC)} that a two-property ORDER
 *       BY needs; search by IMEI prefix ({@code STARTSWITH}: an exact index scan of {@code /imei}) or
 *       name ({@code CONTAINS}, ignoring case: a full scan, which a search typed now and then can
 *       afford);</li>
 *   <li>counts as {@code SELECT VALUE COUNT(1)} over the range indexes on {@code /lastSeen} and
 *       {@code /moving}: the form of aggregate a cross-partition query supports, summed by the
 *       client over partitions;</li>
 *   <li>map cells: per tile one count over the key range {@code [tile, tile + "4")} of {@code /qk}
 *       and, only where it found devices, {@code VALUE AVG} of {@code /lat} and {@code /lon}, tiles
 *       queried concurrently, at most {@link #PARALLEL_TILES} at a time.</li>
 * </ul>
 */
final class CosmosFleetQueries {
  static final int PARALLEL_TILES = 16;
  static final String BY_IMEI = " ORDER BY c.imei ASC";
  static final String BY_CHANGE = " ORDER BY c.changedAt ASC, c.imei ASC";
  static final String TEXT_FILTER = "(STARTSWITH(c.imei, @text) OR CONTAINS(c.name, @text, true))";
  static final String CHANGED_FILTER = "c.changedAt > @since";
  static final String COUNT_ALL = "SELECT VALUE COUNT(1) FROM c";
  static final String COUNT_ONLINE = "SELECT VALUE COUNT(1) FROM c WHERE c.lastSeen >= @since";
  static final String COUNT_MOVING = "SELECT VALUE COUNT(1) FROM c WHERE c.moving = true AND c.lastSeen >= @since";
  static final String TILE_RANGE = "c.qk >= @lo AND c.qk < @hi";

  private final CosmosAsyncContainer devices;
  private final CosmosReadCounter counter;
  private final Duration timeout;

  CosmosFleetQueries(CosmosAsyncContainer devices, CosmosReadCounter counter, Duration timeout) {
    this.devices = devices;
    this.counter = counter;
    this.timeout = timeout;
  }

  /**
   * A page of the listing. Its token is the service's, behind the listing's order ({@code imei:} or
   * {@code change:}): a token of the other order would resume at a position that means nothing
   * here, and the service does not always refuse it.
   */
  Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    String order = query.changedSince() == null ? "imei:" : "change:";
    if (continuation != null && !continuation.startsWith(order)) {
      throw new IllegalArgumentException("continuation token is not one of this listing");
    }
    List<String> filters = new ArrayList<>();
    List<SqlParameter> parameters = new ArrayList<>();
    if (query.text() != null) {
      filters.add(TEXT_FILTER);
      parameters.add(new SqlParameter("@text", query.text()));
    }
    if (query.changedSince() != null) {
      filters.add(CHANGED_FILTER);
      parameters.add(new SqlParameter("@since", CosmosDocuments.timeKey(query.changedSince())));
    }
    String sql = "SELECT * FROM c" + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters))
        + (query.changedSince() == null ? BY_IMEI : BY_CHANGE);
    Page<DeviceState> page = CosmosCalls.page("listing devices", counter.counted(devices.queryItems(
        new SqlQuerySpec(sql, parameters), new CosmosQueryRequestOptions(), ObjectNode.class)), limit,
        continuation == null ? null : continuation.substring(order.length()), CosmosDocuments::deviceState, timeout);
    return new Page<>(page.items(), page.next() == null ? null : order + page.next());
  }

  /**
   * The three counts run concurrently, so a device arriving between them could make a later count
   * exceed an earlier one; each is capped by the one it is part of.
   */
  FleetCounts fleetCounts(Instant onlineSince) {
    SqlParameter since = new SqlParameter("@since", CosmosDocuments.timeKey(onlineSince));
    var counts = CosmosCalls.call("counting the fleet", Mono.zip(count(new SqlQuerySpec(COUNT_ALL)),
        count(new SqlQuerySpec(COUNT_ONLINE, since)), count(new SqlQuerySpec(COUNT_MOVING, since))), timeout);
    long all = counts.getT1();
    long online = Math.min(counts.getT2(), all);
    return new FleetCounts(all, online, Math.min(counts.getT3(), online));
  }

  List<MapCell> mapCells(List<String> tiles) {
    checkTiles(tiles);
    List<MapCell> cells = CosmosCalls.call("counting devices in " + tiles.size() + " tiles",
        Flux.fromIterable(tiles).flatMapSequential(this::cell, PARALLEL_TILES).collectList(), timeout);
    return cells == null ? List.of() : cells;
  }

  private Mono<MapCell> cell(String tile) {
    SqlParameter lo = new SqlParameter("@lo", tile);
    SqlParameter hi = new SqlParameter("@hi", Quadkey.rangeEnd(tile));
    return count(new SqlQuerySpec(COUNT_ALL + " WHERE " + TILE_RANGE, lo, hi)).flatMap(count -> count == 0
        ? Mono.empty()
        : Mono.zip(average("lat", lo, hi), average("lon", lo, hi))
            .flatMap(mean -> mean.getT1().isPresent() && mean.getT2().isPresent()
                ? Mono.just(new MapCell(tile, count, mean.getT1().get(), mean.getT2().get()))
                : Mono.empty()));
  }

  /** Empty when the tile emptied between its count and this query. */
  private Mono<Optional<Double>> average(String field, SqlParameter lo, SqlParameter hi) {
    SqlQuerySpec query = new SqlQuerySpec("SELECT VALUE AVG(c." + field + ") FROM c WHERE " + TILE_RANGE, lo, hi);
    return counter.counted(devices.queryItems(query, new CosmosQueryRequestOptions(), Double.class))
        .next().map(Optional::of).defaultIfEmpty(Optional.empty());
  }

  List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    checkTiles(tiles);
    if (tiles.isEmpty()) {
      return List.of();
    }
    List<String> ranges = new ArrayList<>();
    List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@limit", limit)));
    for (int i = 0; i < tiles.size(); i++) {
      ranges.add("(c.qk >= @lo" + i + " AND c.qk < @hi" + i + ")");
      parameters.add(new SqlParameter("@lo" + i, tiles.get(i)));
      parameters.add(new SqlParameter("@hi" + i, Quadkey.rangeEnd(tiles.get(i))));
    }
    SqlQuerySpec query = new SqlQuerySpec("SELECT TOP @limit * FROM c WHERE " + String.join(" OR ", ranges) + BY_IMEI,
        parameters);
    List<ObjectNode> found = CosmosCalls.call("listing devices in " + tiles.size() + " tiles",
        counter.counted(devices.queryItems(query, new CosmosQueryRequestOptions(), ObjectNode.class)).collectList(),
        timeout);
    return found == null ? List.of() : found.stream().map(CosmosDocuments::deviceState).toList();
  }

  private Mono<Long> count(SqlQuerySpec query) {
    return counter.counted(devices.queryItems(query, new CosmosQueryRequestOptions(), Long.class))
        .reduce(0L, Long::sum);
  }

  static void checkTiles(List<String> tiles) {
    if (tiles.size() > TelemetryStore.MAX_MAP_TILES) {
      throw new IllegalArgumentException("at most " + TelemetryStore.MAX_MAP_TILES + " tiles at a time, not "
          + tiles.size());
    }
    tiles.forEach(Quadkey::level);
  }
}
