package io.fleetwire.contract.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An alert rule (DESIGN "Alerts"). {@code devices} null means every device. {@code threshold} is
 * degrees Celsius for the temperature kinds, km/h for {@code overspeed}, the AVL event id for
 * {@code event} and seconds of silence for {@code offline}; geofence kinds use {@code geofence}.
 * {@code forSeconds} is how long the condition must hold, on record time, before the alert opens.
 * {@code sensor} optionally names the one temperature sensor watched (e.g. {@code temperature2C});
 * without it any temperature sensor counts.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertRule(
    String id,
    String name,
    AlertKind kind,
    List<String> devices,
    Double threshold,
    long forSeconds,
    Geofence geofence,
    String sensor) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern IMEI = Pattern.compile("\\d{15}");
  /** A rule names at most this many devices; larger groups are "all devices" rules. */
  public static final int MAX_DEVICES = 10_000;
  /** The shortest silence an offline rule may watch for: the timers check a few times a minute. */
  public static final long MIN_OFFLINE_SECONDS = 10;
  /** The longest {@code forSeconds}: one week. */
  public static final long MAX_FOR_SECONDS = 7 * 24 * 3600;

  public AlertRule {
    Objects.requireNonNull(kind, "kind");
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must be 1-64 letters, digits, '-' or '_', got '" + id + "'");
    }
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("rule name must be 1-200 characters");
    }
    if (devices != null) {
      if (devices.isEmpty() || devices.size() > MAX_DEVICES) {
        throw new IllegalArgumentException("devices is null (all) or 1-" + MAX_DEVICES + " IMEIs");
      }
      for (String imei : devices) {
        if (imei == null || !IMEI.matcher(imei).matches()) {
          throw new IllegalArgumentException("devices holds a malformed IMEI: '" + imei + "'");
        }
      }
      devices = List.copyOf(devices);
    }
    if (kind.needsThreshold() && (threshold == null || !Double.isFinite(threshold))) {
      throw new IllegalArgumentException("a " + kind.json() + " rule needs a numeric threshold");
    }
    if (kind == AlertKind.OFFLINE && threshold < MIN_OFFLINE_SECONDS) {
      throw new IllegalArgumentException("an offline rule's threshold is seconds of silence, at least "
          + MIN_OFFLINE_SECONDS);
    }
    if (kind == AlertKind.EVENT && (threshold != Math.rint(threshold) || threshold < 1 || threshold > 65535)) {
      throw new IllegalArgumentException("an event rule's threshold is an AVL event id (1-65535)");
    }
    if (kind.needsGeofence() != (geofence != null)) {
      throw new IllegalArgumentException(kind.needsGeofence() ? "a " + kind.json() + " rule needs a geofence"
          : "only geofence rules take a geofence");
    }
    if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
      throw new IllegalArgumentException("forSeconds must be between 0 and " + MAX_FOR_SECONDS);
    }
    if (sensor != null && (kind != AlertKind.TEMPERATURE_ABOVE && kind != AlertKind.TEMPERATURE_BELOW
        || !sensor.matches("[A-Za-z0-9]{1,64}"))) {
      throw new IllegalArgumentException("sensor names one temperature sensor of a temperature rule");
    }
  }

  /** True when the rule watches this device. */
  public boolean covers(String imei) {
    return devices == null || devices.contains(imei);
  }
}
