package io.fleetwire.functions.alert;

import io.fleetwire.contract.alert.Geofence;

import java.util.List;

/** Whether a position lies inside a {@link Geofence}. */
final class GeofenceShape {
  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private GeofenceShape() {
  }

  static boolean contains(Geofence fence, double lat, double lon) {
    if (fence.polygon() == null) {
      return distanceM(fence.lat(), fence.lon(), lat, lon) <= fence.radiusM();
    }
    return insidePolygon(fence.polygon(), lat, lon);
  }

  /** Great-circle distance (haversine on the mean Earth radius): metres of error at depot scale. */
  static double distanceM(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /**
   * Even-odd ray casting on plain lat/lon: exact enough for fences of city size, which do not
   * cross the antimeridian or enclose a pole.
   */
  private static boolean insidePolygon(List<List<Double>> vertices, double lat, double lon) {
    boolean inside = false;
    int n = vertices.size();
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double latI = vertices.get(i).get(0);
      double lonI = vertices.get(i).get(1);
      double latJ = vertices.get(j).get(0);
      double lonJ = vertices.get(j).get(1);
      if ((latI > lat) != (latJ > lat) && lon < (lonJ - lonI) * (lat - latI) / (latJ - latI) + lonI) {
        inside = !inside;
      }
    }
    return inside;
  }
}
