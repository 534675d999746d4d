package io.fleetwire.functions.report;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds one device's records for tests, oldest first: each {@link #at} call adds a record
 * {@code seconds} after the track's start with the current position, speed and sensor values.
 */
public final class SyntheticTrack {
  /** Length of one degree of latitude on the report's sphere: 2πR/360 with R = 6371.0088 km. */
  public static final double KM_PER_DEGREE_LATITUDE = 2 * Math.PI * 6371.0088 / 360;

  private final String imei;
  private final Instant start;
  private final List<Record> records = new ArrayList<>();
  private final SortedMap<String, Double> sensors = new TreeMap<>();
  private Double lat;
  private Double lon;
  private int speed;
  private int event;

  public SyntheticTrack(String imei, Instant start) {
    this.imei = imei;
    this.start = start;
  }

  public SyntheticTrack position(double latitude, double longitude) {
    lat = latitude;
    lon = longitude;
    return this;
  }

  public SyntheticTrack noFix() {
    lat = null;
    lon = null;
    return this;
  }

  public SyntheticTrack speed(int kmh) {
    speed = kmh;
    return this;
  }

  public SyntheticTrack sensor(String name, Double value) {
    if (value == null) {
      sensors.remove(name);
    } else {
      sensors.put(name, value);
    }
    return this;
  }

  public SyntheticTrack ignition(boolean on) {
    return sensor("ignition", on ? 1.0 : 0.0);
  }

  public SyntheticTrack movement(boolean on) {
    return sensor("movement", on ? 1.0 : 0.0);
  }

  /** The event IO id of the following records (0: periodic record). */
  public SyntheticTrack event(int ioId) {
    event = ioId;
    return this;
  }

  public SyntheticTrack at(long seconds) {
    Instant ts = start.plusSeconds(seconds);
    String id = RecordId.of(imei, ts, records.size());
    records.add(new Record(id, imei, ts, ts, lat, lon, 100, 0, speed, lat == null ? 0 : 9, 0, event,
        null, null, null, sensors));
    return this;
  }

  public List<Record> records() {
    return List.copyOf(records);
  }
}
