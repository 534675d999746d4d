package io.fleetwire.simulator.vehicle;

import java.util.SplittableRandom;

/**
 * Where and how a {@link Vehicle} drives: a loop of waypoints (latitude, longitude), the range its
 * cruising speed is drawn from at each waypoint, and how long it stays parked before it first
 * moves (0: drives at once).
 */
public record Route(double[][] waypoints, double cruiseMinKmh, double cruiseMaxKmh, long parkedMillis) {

  /** City centres (latitude, longitude) of the original model: Vilnius, Berlin, Warsaw, Paris, Stockholm, Madrid. */
  private static final double[][] CITIES = {{54.6872, 25.2797}, {52.5200, 13.4050},
      {52.2297, 21.0122}, {48.8566, 2.3522}, {59.3293, 18.0686}, {40.4168, -3.7038}};

  public Route {
    if (waypoints.length < 2) {
      throw new IllegalArgumentException("a route needs at least two waypoints, got " + waypoints.length);
    }
    if (cruiseMinKmh <= 0 || cruiseMaxKmh <= cruiseMinKmh) {
      throw new IllegalArgumentException("cruise range must be 0 < min < max, got " + cruiseMinKmh + ".." + cruiseMaxKmh);
    }
    if (parkedMillis < 0) {
      throw new IllegalArgumentException("parked time must not be negative, got " + parkedMillis);
    }
  }

  /**
   * The single-vehicle model: 4 to 9 waypoints within about 9 km of one of six cities, cruising at
   * 30 to 95 km/h. Its draws from {@code random} are fixed: tests pick seeds by the routes they give.
   */
  static Route aroundCity(SplittableRandom random) {
    double[] city = CITIES[random.nextInt(CITIES.length)];
    double[][] waypoints = new double[4 + random.nextInt(6)][];
    for (int i = 0; i < waypoints.length; i++) {
      waypoints[i] = new double[] {city[0] + random.nextDouble(-0.08, 0.08),
          city[1] + random.nextDouble(-0.12, 0.12)};
    }
    return new Route(waypoints, 30, 95, 0);
  }
}
