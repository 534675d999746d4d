package io.fleetwire.functions.fleet;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.GeoBox;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the map shows of a viewport: clusters where devices are dense, single devices where they
 * are sparse, at a cost that does not grow with the fleet. The box is cut into the quadkey tiles
 * of level {@code zoom + 1} (cells of half a map tile on screen), coarser while that would take
 * more than {@link #MAX_CELLS} tiles; the store counts each cell from its index. When the whole
 * view holds at most {@link #MAX_MAP_DEVICES} devices they are all shown, else every cell holding
 * one device shows it and every other cell is a cluster at its devices' mean position.
 *
 * <p>A cluster's cell may reach past the box, and it is counted whole: its devices are one
 * marker, so the counts of the clusters and devices a fleet-wide view shows add up to the fleet.
 * Devices shown one by one are only those inside the box.
 */
public final class FleetMap {
  /** Most cells one view asks the store about. */
  public static final int MAX_CELLS = 96;
  /** Most devices one view shows one by one. */
  public static final int MAX_MAP_DEVICES = 200;
  /** The finest zoom the map asks for; its cells are the level of the devices' own keys. */
  public static final int MAX_ZOOM = Quadkey.DEVICE_LEVEL;

  private final TelemetryStore store;

  public FleetMap(TelemetryStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * @param onlineSince a device whose data arrived at or after this instant shows as online
   * @throws IllegalArgumentException if {@code zoom} is not in [0, {@link #MAX_ZOOM}]
   */
  public MapView view(GeoBox box, int zoom, Instant onlineSince) {
    List<String> tiles = Quadkey.covering(box, cellLevel(box, zoom), MAX_CELLS);
    List<MapCell> cells = store.mapCells(tiles);
    long total = cells.stream().mapToLong(MapCell::count).sum();
    if (total <= MAX_MAP_DEVICES) {
      return new MapView(List.of(), devices(cells, box, onlineSince));
    }
    List<MapCell> singles = cells.stream().filter(cell -> cell.count() == 1).toList();
    List<MapView.Cluster> clusters = cells.stream().filter(cell -> cell.count() > 1)
        .map(cell -> new MapView.Cluster(cell.lat(), cell.lon(), cell.count())).toList();
    return new MapView(clusters, devices(singles, box, onlineSince));
  }

  /** The level of the cells a view of {@code box} at {@code zoom} is counted in. */
  static int cellLevel(GeoBox box, int zoom) {
    if (zoom < 0 || zoom > MAX_ZOOM) {
      throw new IllegalArgumentException("zoom must be a whole number from 0 to " + MAX_ZOOM + ", not " + zoom);
    }
    int level = Math.min(zoom + 1, Quadkey.DEVICE_LEVEL);
    while (level > 0 && Quadkey.count(box, level) > MAX_CELLS) {
      level--;
    }
    return level;
  }

  private List<MapView.Device> devices(List<MapCell> cells, GeoBox box, Instant onlineSince) {
    if (cells.isEmpty()) {
      return List.of();
    }
    List<String> tiles = cells.stream().map(MapCell::tile).toList();
    return store.devicesInTiles(tiles, MAX_MAP_DEVICES).stream()
        .filter(device -> box.contains(device.last().lat(), device.last().lon()))
        .map(device -> marker(device, onlineSince))
        .toList();
  }

  private static MapView.Device marker(DeviceState device, Instant onlineSince) {
    Record last = device.last();
    boolean online = device.lastSeen() != null && !device.lastSeen().isBefore(onlineSince);
    return new MapView.Device(device.imei(), device.name(), last.lat(), last.lon(), last.angle(), last.speed(),
        online, last.ts());
  }
}
