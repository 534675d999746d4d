package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fleet routes ({@code /api/fleet/summary}, {@code /api/fleet/map}, the searches and change
 * listings of {@code /api/devices}) through {@link FleetApi}, status and body, over the store a
 * subclass supplies; the store and the API share one clock that the tests move.
 */
public abstract class FleetRoutesCases {
  protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final String VILNIUS = "3520930814";
  private static final String BERLIN = "3563070424";

  protected final SettableClock clock = new SettableClock(NOW);
  private TelemetryStore store;
  private AlertStore alerts;
  private ApiFixture api;

  /** A fresh, empty store whose clock is {@code clock}. */
  protected abstract TelemetryStore newStore(Clock clock);

  /** A fresh alert store beside {@code store}. */
  protected abstract AlertStore newAlerts(TelemetryStore store);

  @BeforeEach
  void open() {
    store = newStore(clock);
    alerts = newAlerts(store);
    api = new ApiFixture(store, alerts, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The device's last record: at {@code lat}/{@code lon}, received {@code agoSeconds} before now. */
  private static Record at(String imei, double lat, double lon, int speed, long agoSeconds) {
    Instant ts = NOW.minusSeconds(agoSeconds + 1);
    return new Record(imei + "-" + ts.toEpochMilli(), imei, ts, NOW.minusSeconds(agoSeconds), lat, lon, true, 110,
        270, speed, 9, 0, 0, null, null, null, null);
  }

  private ApiResponse get(String path, String... query) {
    return api.get(path, query);
  }

  private static JsonNode ok(ApiResponse response) {
    assertEquals(200, response.status(), response.bodyText());
    return json(response);
  }

  private static List<String> imeis(JsonNode array) {
    List<String> imeis = new ArrayList<>();
    array.forEach(item -> imeis.add(item.get("imei").asText()));
    return imeis;
  }

  @Test
  void summaryCountsTheFleetOnlineMovingAndOpenAlerts() {
    store.upsert(List.of(at("356307042441001", 54.68, 25.28, 42, 60), at("356307042441002", 54.69, 25.29, 0, 120),
        at("356307042441003", 52.52, 13.40, 55, 3600)));
    store.register("356307042441004", "Spare van");
    Alert open = new Alert("a1", "r1", "356307042441001", AlertKind.OVERSPEED, NOW.minusSeconds(60), 42.0, 54.68,
        25.28, AlertStatus.OPEN, null);
    Alert other = new Alert("a2", "r1", "356307042441003", AlertKind.OVERSPEED, NOW.minusSeconds(3600), 55.0, 52.52,
        13.40, AlertStatus.OPEN, null);
    alerts.apply(List.of(), List.of(open, other, other.closed(NOW.minusSeconds(3000))), NOW);

    ApiResponse response = get("/api/fleet/summary");

    assertEquals(200, response.status(), response.bodyText());
    assertEquals(ApiResponse.JSON, response.contentType());
    assertEquals("{\"devices\":4,\"online\":2,\"offline\":2,\"moving\":1,\"openAlerts\":1}", response.bodyText());
  }

  @Test
  void summaryCountsADeviceOnlineExactlyAtTheEdgeOfTheWindow() {
    long window = FleetApi.DEFAULT_ONLINE_WINDOW.toSeconds();
    store.upsert(List.of(at("356307042441001", 54.68, 25.28, 30, window), at("356307042441002", 54.68, 25.28, 30,
        window + 1)));

    assertEquals("{\"devices\":2,\"online\":1,\"offline\":1,\"moving\":1,\"openAlerts\":0}",
        get("/api/fleet/summary").bodyText());
  }

  @Test
  void mapShowsASparseFleetAsDevicesWithoutClusters() {
    store.upsert(List.of(at("356307042441001", 54.6872, 25.2797, 42, 60), at("356307042441002", 52.52, 13.405, 0,
        3600), at("356307042441003", 0.0, 0.0, 0, 60)));
    store.register("356307042441001", "Van 1");
    store.register("356307042441004", "Never seen");

    JsonNode map = ok(get("/api/fleet/map", "bbox", "-180,-85,180,85", "zoom", "2"));

    assertEquals(0, map.get("clusters").size(), map.toString());
    assertEquals(List.of("356307042441001", "356307042441002"), imeis(map.get("devices")));
    assertEquals("{\"imei\":\"356307042441001\",\"name\":\"Van 1\",\"lat\":54.6872,\"lon\":25.2797,\"angle\":270,"
        + "\"speed\":42,\"online\":true,\"ts\":\"2026-05-01T11:58:59Z\"}", map.get("devices").get(0).toString());
    assertEquals(false, map.get("devices").get(1).get("online").asBoolean());
  }

  @Test
  void mapClustersADenseFleetAndTheCountsAddUpToIt() {
    List<Record> fleet = new ArrayList<>();
    double vilniusLat = 0;
    for (int i = 0; i < 150; i++) {
      double lat = 54.60 + i * 0.001;
      vilniusLat += lat;
      fleet.add(at(VILNIUS + String.format("%05d", i), lat, 25.20 + i * 0.001, 30, 60));
    }
    for (int i = 0; i < 100; i++) {
      fleet.add(at(BERLIN + String.format("%05d", i), 52.30 + i * 0.001, 13.30 + i * 0.001, 0, 60));
    }
    fleet.add(at("356307042449998", 40.4168, -3.7038, 10, 60));
    fleet.add(at("356307042449997", 40.4200, -3.7000, 10, 60));
    fleet.add(at("356307042449999", 48.8566, 2.3522, 10, 60));
    store.upsert(fleet);

    // Europe at zoom 5: cells of level 6, one around each city
    JsonNode map = ok(get("/api/fleet/map", "bbox", "-10,35,30,60", "zoom", "5"));

    Map<Long, JsonNode> clusters = new TreeMap<>();
    map.get("clusters").forEach(cluster -> clusters.put(cluster.get("count").asLong(), cluster));
    assertEquals(List.of(2L, 100L, 150L), List.copyOf(clusters.keySet()), map.toString());
    assertEquals(vilniusLat / 150, clusters.get(150L).get("lat").asDouble(), 1e-9);
    assertEquals((40.4168 + 40.4200) / 2, clusters.get(2L).get("lat").asDouble(), 1e-9);
    assertEquals(List.of("356307042449999"), imeis(map.get("devices")));
    assertEquals(fleet.size(), clusters.keySet().stream().mapToLong(Long::longValue).sum() + map.get("devices").size());
  }

  @Test
  void zoomingIntoAClusterShowsItsDevicesOneByOne() {
    List<Record> fleet = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      fleet.add(at(BERLIN + String.format("%05d", i), 52.40 + (i % 50) * 0.002, 13.30 + (i / 50) * 0.05, 0, 60));
    }
    store.upsert(fleet);
    assertEquals(0, ok(get("/api/fleet/map", "bbox", "-180,-85,180,85", "zoom", "3")).get("devices").size());

    JsonNode map = ok(get("/api/fleet/map", "bbox", "13.28,52.39,13.36,52.50", "zoom", "13"));

    assertEquals(0, map.get("clusters").size(), map.toString());
    assertEquals(100, map.get("devices").size());
    assertTrue(imeis(map.get("devices")).stream().allMatch(imei -> imei.startsWith(BERLIN)));
  }

  @Test
  void mapLeavesOutDevicesOutsideTheBoxThoughTheirCellReachesIn() {
    store.upsert(List.of(at("356307042441001", 54.6872, 25.2797, 0, 60), at("356307042441002", 54.6872, 25.30, 0,
        60)));

    JsonNode map = ok(get("/api/fleet/map", "bbox", "25.27,54.68,25.29,54.69", "zoom", "2"));

    assertEquals(List.of("356307042441001"), imeis(map.get("devices")));
  }

  @Test
  void aDeviceThatMovedShowsInItsNewCell() {
    store.upsert(List.of(at("356307042441001", 54.6872, 25.2797, 30, 120)));
    store.upsert(List.of(at("356307042441001", 52.52, 13.405, 30, 60)));

    assertEquals(0, ok(get("/api/fleet/map", "bbox", "25,54,26,55", "zoom", "10")).get("devices").size());
    assertEquals(List.of("356307042441001"),
        imeis(ok(get("/api/fleet/map", "bbox", "13,52,14,53", "zoom", "10")).get("devices")));
  }

  @Test
  void mapRefusesAMissingOrBadBoxAndZoomSayingWhat() {
    assertTrue(assertError(get("/api/fleet/map", "zoom", "3"), 400, "bad_bbox").contains("west,south,east,north"));
    assertTrue(assertError(get("/api/fleet/map", "bbox", "1,2,3", "zoom", "3"), 400, "bad_bbox")
        .contains("'1,2,3'"));
    assertTrue(assertError(get("/api/fleet/map", "bbox", "a,2,3,4", "zoom", "3"), 400, "bad_bbox")
        .contains("four numbers"));
    assertTrue(assertError(get("/api/fleet/map", "bbox", "10,2,5,4", "zoom", "3"), 400, "bad_bbox")
        .contains("west (10.0) must not be east of east (5.0)"));
    assertTrue(assertError(get("/api/fleet/map", "bbox", "1,-91,3,4", "zoom", "3"), 400, "bad_bbox")
        .contains("south must be a number in [-90.0, 90.0]"));
    assertTrue(assertError(get("/api/fleet/map", "bbox", "1,2,3,4", "zoom", "21"), 400, "bad_zoom")
        .contains("from 0 to 20"));
    assertError(get("/api/fleet/map", "bbox", "1,2,3,4", "zoom", "1.5"), 400, "bad_zoom");
    assertError(get("/api/fleet/map", "bbox", "1,2,3,4"), 400, "bad_zoom");
  }

  @Test
  void devicesAreSearchedByImeiPrefixOrNameIgnoringCase() {
    store.register("352093081452201", "Reefer North");
    store.register("352093081452202", "van 2");
    store.register("356307042441003", "Ölwagen");
    store.upsert(List.of(at("356307042441004", 54.68, 25.28, 0, 60)));

    assertEquals(List.of("352093081452201", "352093081452202"),
        imeis(ok(get("/api/devices", "q", "35209308")).get("items")));
    assertEquals(List.of("352093081452201"), imeis(ok(get("/api/devices", "q", "NORTH")).get("items")));
    assertEquals(List.of("356307042441003"), imeis(ok(get("/api/devices", "q", "ölw")).get("items")));
    JsonNode page = ok(get("/api/devices", "q", "3", "limit", "3"));
    assertEquals(List.of("352093081452201", "352093081452202", "356307042441003"), imeis(page.get("items")));
    assertEquals(List.of("356307042441004"),
        imeis(ok(get("/api/devices", "q", "3", "limit", "3", "next", page.get("next").asText())).get("items")));
    assertTrue(assertError(get("/api/devices", "q", "x".repeat(101)), 400, "bad_query").contains("100"));
  }

  @Test
  void devicesChangedSinceComeInTheOrderTheyChangedAndPage() {
    store.register("356307042441001", "Van 1");
    clock.advance(Duration.ofSeconds(1));
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(1));
    store.upsert(List.of(at("356307042441002", 54.68, 25.28, 0, 60)));
    clock.advance(Duration.ofSeconds(1));
    store.register("356307042441003", "Van 3");
    clock.advance(Duration.ofSeconds(1));
    store.register("356307042441002", "Van 2");

    ApiResponse first = get("/api/devices", "changedSince", since.toString(), "limit", "1");
    JsonNode page = ok(first);
    assertEquals(List.of("356307042441003"), imeis(page.get("items")));
    JsonNode rest = ok(get("/api/devices", "changedSince", since.toString(), "limit", "1", "next",
        page.get("next").asText()));
    assertEquals(List.of("356307042441002"), imeis(rest.get("items")));
    assertEquals("Van 2", rest.get("items").get(0).get("name").asText());
    assertTrue(rest.get("next").isNull());
    assertEquals(List.of(), imeis(ok(get("/api/devices", "changedSince", clock.instant().toString())).get("items")));
  }

  @Test
  void devicesRefuseAChangedSinceThatIsNoInstant() {
    String detail = assertError(get("/api/devices", "changedSince", "yesterday"), 400, "bad_time");

    assertTrue(detail.contains("'changedSince' must be an ISO-8601 instant"), detail);
    assertTrue(detail.contains("'yesterday'"), detail);
  }

  @Test
  void aChangeTokenIsRefusedForTheListByImei() {
    store.register("356307042441001", "Van 1");
    store.register("356307042441002", "Van 2");
    String next = ok(get("/api/devices", "changedSince", NOW.minusSeconds(1).toString(), "limit", "1"))
        .get("next").asText();

    assertError(get("/api/devices", "limit", "1", "next", next), 400, "bad_next");
  }
}
