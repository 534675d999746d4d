package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One AVL record as it travels from the front to the store and out of the API.
 *
 * <p>{@code lat}/{@code lon} are degrees, {@code null} when the device had no fix (ingest sets
 * them to null for 0 satellites or 0/0 coordinates). {@code io} holds the fixed-size IO elements
 * by AVL id (raw, unsigned as sent); {@code ioHex} the variable-length (Codec 8E NX) elements as
 * hex. {@code sensors} are the named, scaled values from the {@link IoDictionary}; the front leaves
 * them empty and ingest fills them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "imei", "ts", "receivedAt", "lat", "lon", "alt", "angle", "speed", "sats",
    "priority", "event", "generationType", "io", "ioHex", "sensors"})
public record Record(
    String id,
    String imei,
    Instant ts,
    Instant receivedAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double lat,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double lon,
    int alt,
    int angle,
    int speed,
    int sats,
    int priority,
    int event,
    Integer generationType,
    SortedMap<Integer, Long> io,
    SortedMap<Integer, String> ioHex,
    SortedMap<String, Double> sensors) {

  public Record {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(ts, "ts");
    io = io == null ? new TreeMap<>() : new TreeMap<>(io);
    ioHex = ioHex == null ? new TreeMap<>() : new TreeMap<>(ioHex);
    sensors = sensors == null ? new TreeMap<>() : new TreeMap<>(sensors);
  }

  /** The same record with a position cleared (no fix) — ingest's normalisation. */
  public Record withoutFix() {
    return new Record(id, imei, ts, receivedAt, null, null, alt, angle, speed, sats, priority, event,
        generationType, io, ioHex, sensors);
  }

  /** The same record with its named sensor values. */
  public Record withSensors(Map<String, Double> named) {
    return new Record(id, imei, ts, receivedAt, lat, lon, alt, angle, speed, sats, priority, event,
        generationType, io, ioHex, new TreeMap<>(named));
  }

  /** True when the record carries a usable position. */
  public boolean hasFix() {
    return lat != null && lon != null;
  }
}
