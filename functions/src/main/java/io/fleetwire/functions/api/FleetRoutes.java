package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.GeoBox;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.fleet.FleetMap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The fleet at a glance: {@code GET /api/fleet/summary} and {@code GET /api/fleet/map}. */
final class FleetRoutes {
  private final TelemetryStore store;
  private final AlertStore alerts;
  private final FleetMap map;
  private final Clock clock;
  private final Duration onlineWindow;

  /** @param alerts {@code null} for an API without alerts: none are open */
  FleetRoutes(TelemetryStore store, AlertStore alerts, Clock clock, Duration onlineWindow) {
    this.store = store;
    this.alerts = alerts;
    this.map = new FleetMap(store);
    this.clock = clock;
    this.onlineWindow = onlineWindow;
  }

  @JsonPropertyOrder({"devices", "online", "offline", "moving", "openAlerts"})
  record Summary(long devices, long online, long offline, long moving, long openAlerts) {
  }

  ApiResponse summary() {
    FleetCounts counts = store.fleetCounts(onlineSince());
    long open = alerts == null ? 0 : alerts.openAlertCount();
    return ApiResponse.json(200, new Summary(counts.devices(), counts.online(), counts.offline(), counts.moving(),
        open));
  }

  /** {@code bbox=west,south,east,north} in degrees and {@code zoom} 0..20, both required. */
  ApiResponse map(ApiRequest request) {
    GeoBox box = box(request.param("bbox").orElse(null));
    int zoom = zoom(request.param("zoom").orElse(null));
    return ApiResponse.json(200, map.view(box, zoom, onlineSince()));
  }

  private Instant onlineSince() {
    return clock.instant().minus(onlineWindow);
  }

  private static GeoBox box(String value) {
    String[] parts = value == null ? new String[0] : value.split(",", -1);
    if (parts.length != 4) {
      throw ApiException.badRequest("bad_bbox", "'bbox' must be four numbers west,south,east,north in degrees, got "
          + RequestParams.quoted(value));
    }
    double[] edges = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        edges[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("bad_bbox", "'bbox' must be four numbers west,south,east,north in degrees, got "
            + RequestParams.quoted(value));
      }
    }
    try {
      return new GeoBox(edges[0], edges[1], edges[2], edges[3]);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad_bbox", "'bbox' " + RequestParams.quoted(value) + ": " + e.getMessage());
    }
  }

  private static int zoom(String value) {
    if (value != null && value.matches("[0-9]{1,2}")) {
      int zoom = Integer.parseInt(value);
      if (zoom <= FleetMap.MAX_ZOOM) {
        return zoom;
      }
    }
    throw ApiException.badRequest("bad_zoom", "'zoom' must be a whole number from 0 to " + FleetMap.MAX_ZOOM
        + ", got " + RequestParams.quoted(value));
  }
}
