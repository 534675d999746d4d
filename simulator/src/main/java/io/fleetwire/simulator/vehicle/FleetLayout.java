package io.fleetwire.simulator.vehicle;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Places the vehicles of a large simulated fleet the way a European operator's fleet spreads:
 * around 24 cities weighted by their size, so a map of the fleet shows dense clusters over cities
 * and thin lines of trucks between them. Each vehicle gets a kind that decides how it drives:
 *
 * <ul>
 *   <li>{@code van} (55 %): delivery rounds of 4 to 9 stops within the city's radius, 25 to 70
 *       km/h, stopping a while at some stops;
 *   <li>{@code truck} (20 %): runs between its home city and two or three of the nearest others,
 *       60 to 88 km/h;
 *   <li>{@code car} (25 %): parked (speed 0, ignition off) for 2 to 10 hours, then short trips in
 *       the city — so a freshly started demo has online devices that are not moving.
 * </ul>
 *
 * The name says where and what a vehicle is, e.g. {@code "Berlin van 0042"}, so searching the
 * fleet by a city or a kind finds something meaningful. Everything follows from the seed and the
 * device's serial number.
 */
public final class FleetLayout {
  /** A city the fleet is based in: centre, radius of its rounds in km, relative share of the fleet. */
  record City(String name, double latitude, double longitude, double radiusKm, int weight) {
  }

  /** One vehicle of the fleet: its display name, where it drives and the seed of its data. */
  public record Member(String name, Route route, long vehicleSeed) {
    public Vehicle vehicle() {
      return new Vehicle(vehicleSeed, route);
    }
  }

  static final City[] CITIES = {
      new City("London", 51.5072, -0.1276, 25, 90), new City("Paris", 48.8566, 2.3522, 20, 80),
      new City("Madrid", 40.4168, -3.7038, 18, 50), new City("Berlin", 52.5200, 13.4050, 18, 50),
      new City("Rome", 41.9028, 12.4964, 15, 40), new City("Milan", 45.4642, 9.1900, 15, 40),
      new City("Barcelona", 41.3874, 2.1686, 14, 40), new City("Hamburg", 53.5511, 9.9937, 14, 30),
      new City("Munich", 48.1351, 11.5820, 14, 30), new City("Warsaw", 52.2297, 21.0122, 15, 30),
      new City("Vienna", 48.2082, 16.3738, 13, 25), new City("Budapest", 47.4979, 19.0402, 13, 25),
      new City("Prague", 50.0755, 14.4378, 12, 20), new City("Amsterdam", 52.3676, 4.9041, 12, 25),
      new City("Brussels", 50.8503, 4.3517, 11, 20), new City("Lyon", 45.7640, 4.8357, 11, 15),
      new City("Stockholm", 59.3293, 18.0686, 13, 15), new City("Copenhagen", 55.6761, 12.5683, 11, 15),
      new City("Oslo", 59.9139, 10.7522, 10, 10), new City("Helsinki", 60.1699, 24.9384, 10, 10),
      new City("Lisbon", 38.7223, -9.1393, 12, 15), new City("Krakow", 50.0647, 19.9450, 10, 10),
      new City("Riga", 56.9496, 24.1052, 9, 8), new City("Vilnius", 54.6872, 25.2797, 9, 8)};

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double KM_PER_DEGREE = 111.32;
  private static final int TOTAL_WEIGHT = Arrays.stream(CITIES).mapToInt(City::weight).sum();
  private static final long HOUR_MILLIS = 3_600_000L;

  private final long seed;

  public FleetLayout(long seed) {
    this.seed = seed;
  }

  /** The vehicle with this serial number (the same serial always gives the same member). */
  public Member member(long serial) {
    // Rotated: the simulation draws its start offsets from seed ^ (serial * GOLDEN).
    SplittableRandom random = new SplittableRandom(Long.rotateLeft(seed, 29) ^ (serial * GOLDEN));
    City home = pickCity(random.nextInt(TOTAL_WEIGHT));
    double kind = random.nextDouble();
    Route route;
    String label;
    if (kind < 0.55) {
      label = "van";
      route = new Route(stopsAround(home, 4 + random.nextInt(6), random), 25, 70, 0);
    } else if (kind < 0.75) {
      label = "truck";
      route = new Route(runFrom(home, random), 60, 88, 0);
    } else {
      label = "car";
      long parked = 2 * HOUR_MILLIS + random.nextLong(8 * HOUR_MILLIS);
      route = new Route(stopsAround(home, 3, random), 20, 55, parked);
    }
    String name = String.format(Locale.ROOT, "%s %s %04d", home.name(), label, serial);
    return new Member(name, route, random.nextLong());
  }

  private static City pickCity(int ticket) {
    int left = ticket;
    for (City city : CITIES) {
      left -= city.weight();
      if (left < 0) {
        return city;
      }
    }
    return CITIES[CITIES.length - 1];
  }

  /** Points spread over a disc of the city's radius, denser towards the centre as towns are. */
  private static double[][] stopsAround(City city, int count, SplittableRandom random) {
    double[][] stops = new double[count][];
    for (int i = 0; i < count; i++) {
      double distanceKm = city.radiusKm() * Math.sqrt(random.nextDouble()) * random.nextDouble(0.3, 1);
      double bearing = random.nextDouble(2 * Math.PI);
      stops[i] = offset(city, distanceKm * Math.cos(bearing), distanceKm * Math.sin(bearing));
    }
    return stops;
  }

  /** Home, then two or three of the five nearest cities, each at a depot a few km from its centre. */
  private static double[][] runFrom(City home, SplittableRandom random) {
    City[] nearest = Arrays.stream(CITIES).filter(c -> c != home)
        .sorted(Comparator.comparingDouble(c -> distanceKm(home, c))).limit(5).toArray(City[]::new);
    int legs = 2 + random.nextInt(2);
    double[][] stops = new double[legs + 1][];
    stops[0] = depot(home, random);
    for (int i = 1; i <= legs; i++) {
      stops[i] = depot(nearest[random.nextInt(nearest.length)], random);
    }
    return stops;
  }

  private static double[] depot(City city, SplittableRandom random) {
    return offset(city, random.nextDouble(-5, 5), random.nextDouble(-5, 5));
  }

  private static double[] offset(City city, double northKm, double eastKm) {
    double latitude = city.latitude() + northKm / KM_PER_DEGREE;
    double longitude = city.longitude() + eastKm / (KM_PER_DEGREE * Math.cos(Math.toRadians(city.latitude())));
    return new double[] {latitude, longitude};
  }

  private static double distanceKm(City a, City b) {
    double north = (a.latitude() - b.latitude()) * KM_PER_DEGREE;
    double east = (a.longitude() - b.longitude()) * KM_PER_DEGREE
        * Math.cos(Math.toRadians((a.latitude() + b.latitude()) / 2));
    return Math.hypot(north, east);
  }
}
