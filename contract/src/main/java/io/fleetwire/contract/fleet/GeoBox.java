package io.fleetwire.contract.fleet;

/**
 * A map viewport in degrees: {@code west <= east}, {@code south <= north}, longitudes in
 * [-180, 180], latitudes in [-90, 90]. A view across the antimeridian is asked as two boxes.
 */
public record GeoBox(double west, double south, double east, double north) {
  public GeoBox {
    check(west, -180, 180, "west");
    check(east, -180, 180, "east");
    check(south, -90, 90, "south");
    check(north, -90, 90, "north");
    if (west > east) {
      throw new IllegalArgumentException("west (" + west + ") must not be east of east (" + east + ")");
    }
    if (south > north) {
      throw new IllegalArgumentException("south (" + south + ") must not be north of north (" + north + ")");
    }
  }

  /** The whole map. */
  public static GeoBox world() {
    return new GeoBox(-180, -90, 180, 90);
  }

  public boolean contains(double lat, double lon) {
    return lat >= south && lat <= north && lon >= west && lon <= east;
  }

  private static void check(double value, double min, double max, String name) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must be a number in [" + min + ", " + max + "], not " + value);
    }
  }
}
