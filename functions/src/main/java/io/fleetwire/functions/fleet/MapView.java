package io.fleetwire.functions.fleet;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;

/** The DESIGN's {@code fleet/map} answer: clusters with counts, and single devices as small markers. */
@JsonPropertyOrder({"clusters", "devices"})
public record MapView(List<Cluster> clusters, List<Device> devices) {

  public MapView {
    clusters = List.copyOf(clusters);
    devices = List.copyOf(devices);
  }

  /** Devices drawn as one marker at their mean position. */
  @JsonPropertyOrder({"lat", "lon", "count"})
  public record Cluster(double lat, double lon, long count) {
  }

  /** A device at its last position; {@code ts} is the time of that record. */
  @JsonPropertyOrder({"imei", "name", "lat", "lon", "angle", "speed", "online", "ts"})
  public record Device(String imei, String name, double lat, double lon, int angle, int speed, boolean online,
      Instant ts) {
  }
}
