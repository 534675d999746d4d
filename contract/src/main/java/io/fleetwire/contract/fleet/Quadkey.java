package io.fleetwire.contract.fleet;

import io.fleetwire.contract.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Web Mercator tiles named by quadkey: the tile of level {@code L} is a string of {@code L} digits
 * 0–3, and the tile's parent at level {@code L-1} is its prefix. Every device with a position
 * carries the quadkey of level {@link #DEVICE_LEVEL} of its last position, so the devices in a tile
 * of any coarser level are one key range, {@code [tile, tile + "4")}: a single range scan in a
 * B-tree (SQLite) or a range index (Cosmos DB), and a cluster of the map is a tile's count.
 */
public final class Quadkey {
  /** Level of the key a device carries: tiles of about 38 m at the equator. */
  public static final int DEVICE_LEVEL = 20;
  /** Web Mercator stops here; positions beyond are kept in the edge tiles. */
  public static final double MAX_LATITUDE = 85.05112878;

  private Quadkey() {
  }

  /** The level-{@link #DEVICE_LEVEL} key of a position. */
  public static String of(double lat, double lon) {
    return of(lat, lon, DEVICE_LEVEL);
  }

  public static String of(double lat, double lon, int level) {
    checkLevel(level);
    return key(tileX(lon, level), tileY(lat, level), level);
  }

  /**
   * The level-{@link #DEVICE_LEVEL} key of a device whose last record is {@code last}, or
   * {@code null} when the device has no map position: no record yet, no coordinates, or 0/0 (a
   * tracker that never had a fix).
   */
  public static String ofLast(Record last) {
    if (last == null || last.lat() == null || last.lon() == null || (last.lat() == 0.0 && last.lon() == 0.0)) {
      return null;
    }
    return of(last.lat(), last.lon());
  }

  /**
   * The level of {@code tile}, its number of digits.
   *
   * @throws IllegalArgumentException if it is not a quadkey of a level up to {@link #DEVICE_LEVEL}
   */
  public static int level(String tile) {
    if (tile == null || tile.length() > DEVICE_LEVEL || !tile.chars().allMatch(c -> c >= '0' && c <= '3')) {
      throw new IllegalArgumentException("not a quadkey of at most " + DEVICE_LEVEL + " digits 0-3: " + tile);
    }
    return tile.length();
  }

  /** The exclusive upper end of the key range of the devices inside {@code tile}. */
  public static String rangeEnd(String tile) {
    return tile + "4";
  }

  /**
   * The tiles of {@code level} that intersect the box, west to east within rows north to south.
   *
   * @throws IllegalArgumentException if more than {@code maxTiles} would be needed
   */
  public static List<String> covering(GeoBox box, int level, int maxTiles) {
    checkLevel(level);
    int x0 = tileX(box.west(), level);
    int x1 = tileX(box.east(), level);
    int y0 = tileY(box.north(), level);
    int y1 = tileY(box.south(), level);
    long count = (long) (x1 - x0 + 1) * (y1 - y0 + 1);
    if (count > maxTiles) {
      throw new IllegalArgumentException("the box needs " + count + " tiles of level " + level
          + ", more than " + maxTiles);
    }
    List<String> tiles = new ArrayList<>((int) count);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        tiles.add(key(x, y, level));
      }
    }
    return tiles;
  }

  /** How many tiles of {@code level} intersect the box. */
  public static long count(GeoBox box, int level) {
    checkLevel(level);
    return (long) (tileX(box.east(), level) - tileX(box.west(), level) + 1)
        * (tileY(box.south(), level) - tileY(box.north(), level) + 1);
  }

  /** The area a tile covers. */
  public static GeoBox bounds(String tile) {
    int level = level(tile);
    int x = 0;
    int y = 0;
    for (int i = 0; i < level; i++) {
      int digit = tile.charAt(i) - '0';
      x = (x << 1) | (digit & 1);
      y = (y << 1) | (digit >> 1);
    }
    double n = 1L << level;
    return new GeoBox(x / n * 360 - 180, latitude(y + 1, n), (x + 1) / n * 360 - 180, latitude(y, n));
  }

  private static double latitude(int y, double n) {
    return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))));
  }

  static int tileX(double lon, int level) {
    int n = 1 << level;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    return Math.min(Math.max(x, 0), n - 1);
  }

  static int tileY(double lat, int level) {
    int n = 1 << level;
    double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
    double rad = Math.toRadians(clamped);
    int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
    return Math.min(Math.max(y, 0), n - 1);
  }

  private static String key(int x, int y, int level) {
    char[] digits = new char[level];
    for (int i = level; i > 0; i--) {
      int mask = 1 << (i - 1);
      int digit = ((x & mask) != 0 ? 1 : 0) + ((y & mask) != 0 ? 2 : 0);
      digits[level - i] = (char) ('0' + digit);
    }
    return new String(digits);
  }

  private static void checkLevel(int level) {
    if (level < 0 || level > DEVICE_LEVEL) {
      throw new IllegalArgumentException("tile level must be in [0, " + DEVICE_LEVEL + "], not " + level);
    }
  }
}
