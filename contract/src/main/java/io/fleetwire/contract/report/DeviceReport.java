package io.fleetwire.contract.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.alert.AlertKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one device did in {@code [from, to)}: the report of the DESIGN's HTTP API. {@code events}
 * always holds the {@link #STANDARD_ALARMS} (0 when none happened) and any other alarm that did.
 * {@code alerts} counts the device's alerts whose {@code ts} is in the range by kind, every kind
 * present (0 when none), once alerts are counted; empty where no alert store is configured.
 */
@JsonPropertyOrder({"imei", "from", "to", "records", "distanceKm", "drivingSeconds", "idleSeconds",
    "stops", "maxSpeedKmh", "temperature", "events", "alerts"})
public record DeviceReport(
    String imei,
    Instant from,
    Instant to,
    long records,
    double distanceKm,
    long drivingSeconds,
    long idleSeconds,
    int stops,
    int maxSpeedKmh,
    TemperatureSummary temperature,
    SortedMap<String, Long> events,
    SortedMap<String, Integer> alerts) {

  /** The alarm names of the FMB IO dictionary, in the order the daily CSV lists them. */
  public static final List<String> STANDARD_ALARMS =
      List.of("crash", "towing", "unplug", "jamming", "overSpeeding", "temperature");

  public DeviceReport {
    events = new TreeMap<>(events);
    // Rows stored before alerts were counted have none.
    alerts = alerts == null ? new TreeMap<>() : new TreeMap<>(alerts);
  }

  /** This report with the device's alert counts of the range, every kind listed. */
  public DeviceReport withAlerts(Map<AlertKind, Integer> counts) {
    SortedMap<String, Integer> byKind = new TreeMap<>();
    for (AlertKind kind : AlertKind.values()) {
      byKind.put(kind.json(), counts.getOrDefault(kind, 0));
    }
    return new DeviceReport(imei, from, to, records, distanceKm, drivingSeconds, idleSeconds, stops, maxSpeedKmh,
        temperature, events, byKind);
  }
}
