package io.fleetwire.simulator.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.simulator.teltonika.IoValue;
import io.fleetwire.simulator.teltonika.TrackerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VehicleTest {
  private static final long START = 1_750_000_000_000L;

  private static List<TrackerRecord> drive(long seed, int records, long stepMillis) {
    Vehicle vehicle = new Vehicle(seed);
    List<TrackerRecord> out = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      out.add(vehicle.next(START + i * stepMillis, true));
    }
    return out;
  }

  private static Map<Integer, Long> io(TrackerRecord record) {
    return record.io().stream().collect(Collectors.toMap(IoValue::id, IoValue::raw));
  }

  @Test
  void sameSeedGivesSameRecords() {
    assertTrue(drive(7, 200, 10_000).equals(drive(7, 200, 10_000)));
  }

  @Test
  void differentSeedsGiveDifferentRoutes() {
    assertTrue(drive(7, 1, 10_000).get(0).latitude() != drive(8, 1, 10_000).get(0).latitude());
  }

  @Test
  void reportsPlausibleSensorValues() {
    for (TrackerRecord record : drive(3, 3000, 10_000)) {
      Map<Integer, Long> io = io(record);
      long volts = io.get(66);
      assertTrue(volts >= 12_000 && volts <= 14_300, "external voltage " + volts);
      if (io.get(239) == 0) {
        assertEquals(0L, io.get(240), "moving with ignition off");
      }
      assertTrue(record.satellites() >= 7 && record.speed() <= 130);
      int temperature = (int) (long) io.get(72);
      assertTrue(temperature >= -280 && temperature <= 320, "temperature " + temperature);
    }
  }

  @Test
  void drivesStopsAndCarriesEvents() {
    List<TrackerRecord> records = drive(5, 5000, 10_000);
    assertTrue(records.stream().anyMatch(r -> io(r).get(239) == 0), "never stopped");
    assertTrue(records.stream().anyMatch(r -> r.speed() > 0), "never moved");
    assertTrue(records.stream().anyMatch(r -> r.eventId() == 239), "no ignition event");
    assertTrue(records.stream().anyMatch(r -> r.eventId() == 255 && io(r).containsKey(255)),
        "no over-speeding event");
    assertTrue(records.stream().anyMatch(r -> !r.variableIo().isEmpty()), "no NX element");
    for (TrackerRecord record : records) {
      assertEquals(record.eventId() == 247, io(record).containsKey(247));
    }
  }

  @Test
  void odometerNeverGoesBackwards() {
    long last = 0;
    for (TrackerRecord record : drive(11, 2000, 5_000)) {
      long odometer = io(record).get(16);
      assertTrue(odometer >= last);
      last = odometer;
    }
  }
}
