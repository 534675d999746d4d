package io.fleetwire.contract.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one device did in {@code [from, to)}: the report of the DESIGN's HTTP API. {@code events}
 * always holds the {@link #STANDARD_ALARMS} (0 when none happened) and any other alarm that did.
 */
@JsonPropertyOrder({"imei", "from", "to", "records", "distanceKm", "drivingSeconds", "idleSeconds",
    "stops", "maxSpeedKmh", "temperature", "events"})
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
    SortedMap<String, Long> events) {

  /** The alarm names of the FMB IO dictionary, in the order the daily CSV lists them. */
  public static final List<String> STANDARD_ALARMS =
      List.of("crash", "towing", "unplug", "jamming", "overSpeeding", "temperature");

  public DeviceReport {
    events = new TreeMap<>(events);
  }
}
