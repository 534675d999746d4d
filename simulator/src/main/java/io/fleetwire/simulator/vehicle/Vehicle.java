package io.fleetwire.simulator.vehicle;

import io.fleetwire.simulator.teltonika.IoValue;
import io.fleetwire.simulator.teltonika.TrackerRecord;
import io.fleetwire.simulator.teltonika.VariableIo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A vehicle driving a loop of waypoints ({@link Route}), with stops (ignition off), speed changes,
 * occasional over-speeding and, rarely, a crash. Each {@link #next} call reports its state at a
 * record time as a tracker would. Everything it reports follows from the seed, the route and the
 * record times, so two vehicles with the same seed and route report the same records.
 */
public final class Vehicle {
  /** Cruising speed drifts at most this far outside the route's range. */
  private static final double CRUISE_DRIFT_KMH = 10;
  private static final double METRES_PER_DEGREE = 111_320.0;
  private static final int OVER_SPEED_KMH = 90;
  private static final double CRASH_PROBABILITY = 1.0 / 2000;
  private static final int VARIABLE_IO_EVERY = 50;

  private final SplittableRandom random;
  private final Route route;
  private final double[][] waypoints;
  private final int baseAltitude;
  private final int baseTemperature;
  private double latitude;
  private double longitude;
  private int target;
  private double speedKmh;
  private double cruiseKmh;
  private int heading;
  private long stoppedUntil;
  private boolean ignition = true;
  private double odometerMetres;
  private int temperature;
  private long lastTimestamp = -1;
  private long records;

  /** A vehicle on a route of its own around one of six European cities, picked by the seed. */
  public Vehicle(long seed) {
    this(new SplittableRandom(seed), null);
  }

  /** A vehicle on the given route, parked at its first waypoint for the route's parked time. */
  public Vehicle(long seed, Route route) {
    this(new SplittableRandom(seed), route);
  }

  private Vehicle(SplittableRandom random, Route given) {
    this.random = random;
    this.route = given == null ? Route.aroundCity(random) : given;
    this.waypoints = route.waypoints();
    this.latitude = waypoints[0][0];
    this.longitude = waypoints[0][1];
    this.target = 1;
    this.cruiseKmh = given == null ? random.nextDouble(30, 100)
        : random.nextDouble(route.cruiseMinKmh(), route.cruiseMaxKmh());
    this.baseAltitude = 50 + random.nextInt(250);
    this.baseTemperature = -180 + random.nextInt(400);
    this.temperature = baseTemperature;
    this.odometerMetres = random.nextDouble(2e7, 2e8);
  }

  /**
   * The tracker record at {@code timestampMillis} (not earlier than the previous one).
   * {@code variableIo}: whether this codec can carry the NX group (Codec 8 Extended only).
   */
  public TrackerRecord next(long timestampMillis, boolean variableIo) {
    if (lastTimestamp < 0 && route.parkedMillis() > 0) {
      stoppedUntil = timestampMillis + route.parkedMillis();
    }
    double seconds = lastTimestamp < 0 ? 0 : Math.max(0, timestampMillis - lastTimestamp) / 1000.0;
    lastTimestamp = timestampMillis;
    records++;
    boolean wasOn = ignition;
    if (timestampMillis < stoppedUntil) {
      ignition = false;
      speedKmh = 0;
    } else {
      ignition = true;
      drive(timestampMillis, seconds);
    }
    int speed = (int) Math.round(speedKmh);
    boolean moving = speed > 0;
    boolean crash = moving && random.nextDouble() < CRASH_PROBABILITY;
    temperature = Math.max(baseTemperature - 100,
        Math.min(baseTemperature + 100, temperature + random.nextInt(-2, 3)));

    int event = 0;
    int priority = 0;
    int generation = 7;
    List<IoValue> io = new ArrayList<>();
    io.add(new IoValue(239, 1, ignition ? 1 : 0));
    io.add(new IoValue(240, 1, moving ? 1 : 0));
    io.add(new IoValue(21, 1, 2 + random.nextInt(4)));
    if (ignition != wasOn) {
      event = 239;
      priority = 1;
      generation = 5;
    }
    if (speed > OVER_SPEED_KMH) {
      event = 255;
      priority = 1;
      generation = 4;
      io.add(new IoValue(255, 1, Math.min(speed, 255)));
    }
    if (crash) {
      event = 247;
      priority = 2;
      generation = 6;
      io.add(new IoValue(247, 1, 1));
    }
    io.add(new IoValue(66, 2, ignition ? 13_600 + random.nextInt(600) : 12_200 + random.nextInt(500)));
    io.add(new IoValue(67, 2, 4_000 + random.nextInt(150)));
    int shock = crash ? 2_000 + random.nextInt(2_000) : 0;
    io.add(IoValue.signed(17, 2, random.nextInt(-40, 41) + shock));
    io.add(IoValue.signed(18, 2, random.nextInt(-40, 41) - shock));
    io.add(IoValue.signed(19, 2, 1_000 + random.nextInt(-20, 21)));
    io.add(IoValue.signed(72, 4, temperature));
    io.add(new IoValue(16, 4, (long) odometerMetres));

    List<VariableIo> nx = List.of();
    if (variableIo && records % VARIABLE_IO_EVERY == 0) {
      byte[] beacon = new byte[8];
      random.nextBytes(beacon);
      nx = List.of(new VariableIo(385, beacon));
    }
    int altitude = baseAltitude + (int) Math.round(15 * Math.sin(odometerMetres / 700));
    int satellites = 7 + random.nextInt(8);
    return new TrackerRecord(timestampMillis, priority, (int) Math.round(longitude * 1e7),
        (int) Math.round(latitude * 1e7), altitude, heading, satellites, speed, event, generation,
        io, nx);
  }

  private void drive(long timestampMillis, double seconds) {
    cruiseKmh = Math.max(route.cruiseMinKmh() - CRUISE_DRIFT_KMH,
        Math.min(route.cruiseMaxKmh() + CRUISE_DRIFT_KMH, cruiseKmh + random.nextDouble(-3, 3)));
    speedKmh = Math.max(5, speedKmh + Math.max(-8, Math.min(8, cruiseKmh - speedKmh)));
    double[] goal = waypoints[target];
    double north = (goal[0] - latitude) * METRES_PER_DEGREE;
    double east = (goal[1] - longitude) * METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude));
    double remaining = Math.hypot(north, east);
    heading = (int) ((Math.toDegrees(Math.atan2(east, north)) + 360) % 360);
    double step = speedKmh / 3.6 * seconds;
    if (step >= remaining) {
      latitude = goal[0];
      longitude = goal[1];
      odometerMetres += remaining;
      target = (target + 1) % waypoints.length;
      cruiseKmh = random.nextDouble(route.cruiseMinKmh(), route.cruiseMaxKmh());
      if (random.nextDouble() < 0.3) {
        stoppedUntil = timestampMillis + 30_000 + random.nextInt(270_000);
      }
    } else if (remaining > 0) {
      latitude += north / remaining * step / METRES_PER_DEGREE;
      longitude += east / remaining * step
          / (METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
      odometerMetres += step;
    }
  }
}
