package io.fleetwire.front.teltonika;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One decoded AVL record. Coordinates in degrees (signed), altitude in metres (signed), speed in
 * km/h. {@code io}: fixed-size IO values by id, unsigned as sent. {@code ioVariable}: Codec 8E
 * variable-length values and 16-byte values by id, as lowercase hex. {@code generationType}: Codec 16 only, else
 * {@code null}.
 * {@code fingerprint}: {@code RecordId.fingerprint} over this record's bytes on the wire.
 * Both maps are immutable and sorted by id.
 */
public record AvlRecord(
    Instant timestamp,
    int priority,
    double longitude,
    double latitude,
    int altitude,
    int angle,
    int satellites,
    int speed,
    int eventId,
    Integer generationType,
    SortedMap<Integer, Long> io,
    SortedMap<Integer, String> ioVariable,
    long fingerprint) {

  public AvlRecord {
    io = IoValues.copyOf(io);
    ioVariable = ioVariable == null || ioVariable.isEmpty() ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(ioVariable));
  }

  public static AvlRecord of(Instant timestamp, int priority, double longitude, double latitude,
      int altitude, int angle, int satellites, int speed, int eventId, Integer generationType,
      Map<Integer, Long> io, Map<Integer, String> ioVariable, long fingerprint) {
    return new AvlRecord(timestamp, priority, longitude, latitude, altitude, angle, satellites, speed,
        eventId, generationType, new TreeMap<>(io),
        ioVariable == null ? null : new TreeMap<>(ioVariable), fingerprint);
  }
}
