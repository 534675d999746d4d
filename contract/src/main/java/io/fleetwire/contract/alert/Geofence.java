package io.fleetwire.contract.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A circle ({@code lat}, {@code lon}, {@code radiusM}) or a polygon ({@code polygon}: at least
 * three {@code [lat, lon]} vertices, closed implicitly). Exactly one of the two forms is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Geofence(Double lat, Double lon, Double radiusM, List<List<Double>> polygon) {
  /** Longest polygon accepted: containment is evaluated for every record of every device. */
  public static final int MAX_VERTICES = 1000;

  public Geofence {
    boolean circle = lat != null || lon != null || radiusM != null;
    if (circle == (polygon != null)) {
      throw new IllegalArgumentException("a geofence is either {lat, lon, radiusM} or {polygon: [[lat, lon], ...]}");
    }
    if (circle) {
      if (lat == null || lon == null || radiusM == null) {
        throw new IllegalArgumentException("a circular geofence needs lat, lon and radiusM");
      }
      checkPoint(lat, lon);
      if (!(radiusM > 0) || radiusM > 20_000_000) {
        throw new IllegalArgumentException("radiusM must be between 0 and 20,000,000 metres, got " + radiusM);
      }
    } else {
      if (polygon.size() < 3 || polygon.size() > MAX_VERTICES) {
        throw new IllegalArgumentException("a polygon needs 3 to " + MAX_VERTICES + " vertices, got " + polygon.size());
      }
      for (List<Double> vertex : polygon) {
        if (vertex == null || vertex.size() != 2 || vertex.get(0) == null || vertex.get(1) == null) {
          throw new IllegalArgumentException("each polygon vertex is [lat, lon]");
        }
        checkPoint(vertex.get(0), vertex.get(1));
      }
      polygon = polygon.stream().map(List::copyOf).toList();
    }
  }

  public static Geofence circle(double lat, double lon, double radiusM) {
    return new Geofence(lat, lon, radiusM, null);
  }

  public static Geofence polygon(List<List<Double>> vertices) {
    return new Geofence(null, null, null, vertices);
  }

  private static void checkPoint(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("coordinates out of range: " + lat + ", " + lon);
    }
  }
}
