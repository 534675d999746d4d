package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One AVL record as it travels from the front to the store and out of the API.
 *
 * <p>{@code lat}/{@code lon} are degrees as the device sent them. {@code valid} says whether they
 * are a fix: ingest sets it, false for 0 satellites or 0/0 coordinates (the device then repeats its
 * last known position, Teltonika "Codec" documentation, "GPS element"); {@code null} until judged.
 * Records stored without coordinates (before positions were kept) read as not valid.
 *
 * <p>{@code io} holds the fixed-size IO elements by AVL id (raw, unsigned as sent; 8-byte values as
 * two's complement): in JSON a number while a double holds it exactly, a decimal string beyond
 * ({@link ExactNumberSerializer}). {@code ioHex} holds the variable-length (Codec 8E) and 16-byte
 * elements as hex. {@code sensors} are the named values from the {@link IoDictionary}, typed
 * (Boolean, Long, Double or String); the front leaves them empty and ingest fills them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "imei", "ts", "receivedAt", "lat", "lon", "valid", "alt", "angle", "speed", "sats",
    "priority", "event", "generationType", "io", "ioHex", "sensors"})
public record Record(
    String id,
    String imei,
    Instant ts,
    Instant receivedAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double lat,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double lon,
    Boolean valid,
    int alt,
    int angle,
    int speed,
    int sats,
    int priority,
    int event,
    Integer generationType,
    @JsonSerialize(contentUsing = ExactNumberSerializer.class) SortedMap<Integer, Long> io,
    SortedMap<Integer, String> ioHex,
    @JsonSerialize(contentUsing = ExactNumberSerializer.class) SortedMap<String, Object> sensors) {

  public Record {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(ts, "ts");
    if (lat == null || lon == null) {
      valid = Boolean.FALSE;
    }
    io = io == null ? new TreeMap<>() : new TreeMap<>(io);
    ioHex = ioHex == null ? new TreeMap<>() : new TreeMap<>(ioHex);
    sensors = SensorValues.copyOf(sensors);
  }

  /** A record not judged yet: what the front publishes. */
  public Record(String id, String imei, Instant ts, Instant receivedAt, Double lat, Double lon, int alt,
      int angle, int speed, int sats, int priority, int event, Integer generationType,
      Map<Integer, Long> io, Map<Integer, String> ioHex, Map<String, ?> sensors) {
    this(id, imei, ts, receivedAt, lat, lon, null, alt, angle, speed, sats, priority, event, generationType,
        io == null ? null : new TreeMap<>(io), ioHex == null ? null : new TreeMap<>(ioHex),
        SensorValues.copyOf(sensors));
  }

  /** The same record judged: a fix needs satellites and coordinates other than 0/0 — ingest's rule. */
  public Record judged() {
    boolean fix = lat != null && lon != null && sats > 0 && !(lat == 0.0 && lon == 0.0);
    return withValid(fix);
  }

  private Record withValid(boolean fix) {
    return new Record(id, imei, ts, receivedAt, lat, lon, fix, alt, angle, speed, sats, priority, event,
        generationType, io, ioHex, sensors);
  }

  /** The same record with its named sensor values. */
  public Record withSensors(Map<String, ?> named) {
    return new Record(id, imei, ts, receivedAt, lat, lon, valid, alt, angle, speed, sats, priority, event,
        generationType, io, ioHex, SensorValues.copyOf(named));
  }

  /**
   * True when the record carries a usable position: judged valid, or — not judged yet — with
   * coordinates (records stored before the flag existed had no-fix coordinates removed).
   */
  public boolean hasFix() {
    return lat != null && lon != null && !Boolean.FALSE.equals(valid);
  }

  /** A sensor as a number (booleans as 1 or 0), or {@code null} when absent or not numeric. */
  public Double sensorNumber(String name) {
    return SensorValues.number(sensors.get(name));
  }
}
