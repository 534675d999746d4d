package io.fleetwire.local.dashboard;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.simulator.Imei;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Three thousand named trackers in four places, written straight into the stack's SQLite store
 * before it starts (thousands of logins through the front would only make the test slow): dense
 * fleets in Berlin and Madrid, a depot of forty in Rome and one lone truck in Oslo. Every tenth
 * device last reported two hours ago (offline); every third online one is moving.
 */
final class LargeFleet {

  /** Where a group's devices are: around a centre, within a box of half-sizes in degrees. */
  record Place(String name, String label, String imeiPrefix, int devices, double lat, double lon,
      double halfLat, double halfLon) {

    String imei(int index) {
      return Imei.of(imeiPrefix, index + 1);
    }

    List<String> imeis() {
      return IntStream.range(0, devices).mapToObj(this::imei).toList();
    }

    String deviceName(int index) {
      return String.format("%s %s %04d", name, label, index + 1);
    }
  }

  static final Place BERLIN = new Place("Berlin", "van", "35630711", 1_600, 52.52, 13.40, 0.15, 0.25);
  static final Place MADRID = new Place("Madrid", "truck", "35630712", 1_359, 40.42, -3.70, 0.15, 0.25);
  static final Place ROME = new Place("Rome", "courier", "35630713", 40, 41.90, 12.50, 0.01, 0.01);
  static final Place OSLO = new Place("Oslo", "ferry truck", "35630714", 1, 59.91, 10.75, 0, 0);
  static final List<Place> PLACES = List.of(BERLIN, MADRID, ROME, OSLO);
  static final int DEVICES = PLACES.stream().mapToInt(Place::devices).sum();

  static final Duration OFFLINE_AGE = Duration.ofHours(2);
  static final Duration ONLINE_AGE = Duration.ofSeconds(30);
  private static final int RECORDS_PER_UPSERT = 1_000;

  private LargeFleet() {
  }

  /** Whether the fleet's device number {@code serial} (counted over all places) last reported long ago. */
  static boolean offline(int serial) {
    return serial % 10 == 5;
  }

  static boolean moving(int serial) {
    return !offline(serial) && serial % 3 == 0;
  }

  static long offlineCount() {
    return IntStream.range(0, DEVICES).filter(LargeFleet::offline).count();
  }

  static long movingCount() {
    return IntStream.range(0, DEVICES).filter(LargeFleet::moving).count();
  }

  /** Registers every device under its name and stores one last record for each, relative to {@code now}. */
  static void seed(TelemetryStore store, Instant now) {
    Random random = new Random(16);
    List<Record> records = new ArrayList<>(RECORDS_PER_UPSERT);
    int serial = 0;
    for (Place place : PLACES) {
      for (int i = 0; i < place.devices(); i++, serial++) {
        String imei = place.imei(i);
        store.register(imei, place.deviceName(i));
        double lat = place.lat() + (random.nextDouble() * 2 - 1) * place.halfLat();
        double lon = place.lon() + (random.nextDouble() * 2 - 1) * place.halfLon();
        Instant ts = now.minus(offline(serial) ? OFFLINE_AGE : ONLINE_AGE);
        records.add(record(imei, ts, lat, lon, moving(serial) ? 42 : 0, random.nextInt(360)));
        if (records.size() == RECORDS_PER_UPSERT) {
          store.upsert(records);
          records.clear();
        }
      }
    }
    store.upsert(records);
  }

  /** A last record as ingest stores it: a fix with nine satellites, ignition on. */
  static Record record(String imei, Instant ts, double lat, double lon, int speed, int angle) {
    String id = RecordId.of(imei, ts, new byte[] {(byte) speed, (byte) angle});
    return new Record(id, imei, ts, ts, lat, lon, 35, angle, speed, 9, 0, 0, null,
        Map.of(239, 1L), Map.of(), Map.of("ignition", true)).judged();
  }
}
