package io.fleetwire.simulator.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.simulator.teltonika.TrackerRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FleetLayoutTest {
  private static final long START = 1_750_000_000_000L;
  private static final long STEP_MILLIS = 10_000;
  private static final Pattern NAME = Pattern.compile("([A-Za-z]+) (van|truck|car) (\\d{4,})");
  private static final FleetLayout LAYOUT = new FleetLayout(1);

  @Test
  void namesSayCityKindAndSerialAndAreUnique() {
    Set<String> names = new HashSet<>();
    Set<String> cities = new HashSet<>();
    for (FleetLayout.City city : FleetLayout.CITIES) {
      cities.add(city.name());
    }
    for (long serial = 0; serial < 10_000; serial++) {
      String name = LAYOUT.member(serial).name();
      Matcher parts = NAME.matcher(name);
      assertTrue(parts.matches(), name);
      assertTrue(cities.contains(parts.group(1)), name);
      assertEquals(serial, Long.parseLong(parts.group(3)), name);
      assertTrue(names.add(name), "duplicate " + name);
    }
  }

  @Test
  void sameSerialGivesTheSameMember() {
    FleetLayout.Member first = LAYOUT.member(42);
    FleetLayout.Member again = new FleetLayout(1).member(42);
    assertEquals(first.name(), again.name());
    assertEquals(first.vehicle().next(START, true), again.vehicle().next(START, true));
  }

  @Test
  void spreadsOverEveryCityByItsSizeAndMixesKinds() {
    Map<String, Integer> byCity = new HashMap<>();
    Map<String, Integer> byKind = new HashMap<>();
    for (long serial = 0; serial < 10_000; serial++) {
      Matcher parts = NAME.matcher(LAYOUT.member(serial).name());
      assertTrue(parts.matches());
      byCity.merge(parts.group(1), 1, Integer::sum);
      byKind.merge(parts.group(2), 1, Integer::sum);
    }
    assertEquals(FleetLayout.CITIES.length, byCity.size(), "cities with vehicles: " + byCity);
    assertTrue(byCity.get("London") > 4 * byCity.get("Vilnius"), "weights ignored: " + byCity);
    assertTrue(byKind.get("van") > 5_000 && byKind.get("van") < 6_000, "vans " + byKind);
    assertTrue(byKind.get("truck") > 1_700 && byKind.get("truck") < 2_300, "trucks " + byKind);
    assertTrue(byKind.get("car") > 2_200 && byKind.get("car") < 2_800, "cars " + byKind);
  }

  @Test
  void vansAndCarsStayInTheirCityTrucksDriveBetweenCities() {
    Map<String, FleetLayout.City> cities = new HashMap<>();
    for (FleetLayout.City city : FleetLayout.CITIES) {
      cities.put(city.name(), city);
    }
    int trucksFarFromHome = 0;
    int trucks = 0;
    for (long serial = 0; serial < 2_000; serial++) {
      FleetLayout.Member member = LAYOUT.member(serial);
      Matcher parts = NAME.matcher(member.name());
      assertTrue(parts.matches());
      FleetLayout.City home = cities.get(parts.group(1));
      double farthest = 0;
      for (double[] waypoint : member.route().waypoints()) {
        farthest = Math.max(farthest, kmBetween(home.latitude(), home.longitude(), waypoint[0], waypoint[1]));
      }
      if (parts.group(2).equals("truck")) {
        trucks++;
        trucksFarFromHome += farthest > 100 ? 1 : 0;
      } else {
        assertTrue(farthest <= home.radiusKm() + 0.5, member.name() + " drives " + farthest + " km out");
      }
    }
    assertTrue(trucksFarFromHome > trucks * 9 / 10, trucksFarFromHome + " of " + trucks + " trucks leave home");
  }

  @Test
  void someOnlineVehiclesAreParkedWhileMostMove() {
    int parked = 0;
    int moving = 0;
    for (long serial = 0; serial < 1_000; serial++) {
      Vehicle vehicle = LAYOUT.member(serial).vehicle();
      TrackerRecord last = null;
      for (int i = 0; i < 30; i++) {
        last = vehicle.next(START + i * STEP_MILLIS, false);
      }
      if (last.speed() == 0) {
        parked++;
      } else {
        moving++;
      }
    }
    assertTrue(parked >= 200 && parked <= 450, parked + " of 1000 at speed 0");
    assertEquals(1_000, parked + moving);
  }

  @Test
  void headingAndSpeedMatchTheDistanceTravelled() {
    int checked = 0;
    for (long serial = 0; serial < 300; serial++) {
      Vehicle vehicle = LAYOUT.member(serial).vehicle();
      TrackerRecord[] records = new TrackerRecord[21];
      for (int i = 0; i < records.length; i++) {
        records[i] = vehicle.next(START + i * STEP_MILLIS, false);
      }
      for (int i = 1; i < records.length - 1; i++) {
        TrackerRecord previous = records[i - 1];
        TrackerRecord record = records[i];
        double km = kmBetween(previous.latitude() / 1e7, previous.longitude() / 1e7,
            record.latitude() / 1e7, record.longitude() / 1e7);
        // A step that reaches a waypoint ends there, and the next heads elsewhere: compare only
        // steps in the middle of a leg (same heading before and after, no stop after: a stopped
        // vehicle keeps its last heading). A step is driven at the
        // speed its record reports.
        if (record.speed() > 0 && previous.angle() == record.angle()
            && records[i + 1].angle() == record.angle() && records[i + 1].speed() > 0) {
          double kmh = km / (STEP_MILLIS / 3_600_000.0);
          assertEquals(record.speed(), kmh, 0.15 * record.speed() + 1, "speed of " + serial);
          double bearing = bearing(previous, record);
          double off = Math.abs(((bearing - record.angle()) % 360 + 540) % 360 - 180);
          assertTrue(off < 5, "heading " + record.angle() + " but travelled towards " + bearing);
          assertTrue(record.speed() <= 100, "speed " + record.speed());
          checked++;
        }
      }
    }
    assertTrue(checked > 1_000, "only " + checked + " straight steps");
  }

  private static double bearing(TrackerRecord from, TrackerRecord to) {
    double north = (to.latitude() - from.latitude()) / 1e7;
    double east = (to.longitude() - from.longitude()) / 1e7 * Math.cos(Math.toRadians(from.latitude() / 1e7));
    return (Math.toDegrees(Math.atan2(east, north)) + 360) % 360;
  }

  private static double kmBetween(double lat1, double lon1, double lat2, double lon2) {
    double north = (lat2 - lat1) * 111.32;
    double east = (lon2 - lon1) * 111.32 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    return Math.hypot(north, east);
  }
}
