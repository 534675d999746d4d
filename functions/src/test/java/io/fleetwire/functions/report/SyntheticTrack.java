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
  private int sats = 9;

  public SyntheticTrack(String imei, Instant start) {
    this.imei = imei;
    this.start = start;
  }

  /** The following records have a fix at this position. */
  public SyntheticTrack position(double latitude, double longitude) {
    lat = latitude;
    lon = longitude;
    sats = 9;
    return this;
  }

  /** The following records have no fix: no satellites, the last position repeated, as devices do. */
  public SyntheticTrack noFix() {
    sats = 0;
    return this;
  }

  /** The following records have no fix and the position 0/0 (a device that never had one). */
  public SyntheticTrack zeroPosition() {
    lat = 0.0;
    lon = 0.0;
    sats = 0;
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
    // judged as ingest stores it
    records.add(new Record(id, imei, ts, ts, lat, lon, 100, 0, speed, sats, 0, event, null, null, null, sensors)
        .judged());
    return this;
  }

  public List<Record> records() {
    return List.copyOf(records);
  }
}
