package io.fleetwire.functions.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.azure.cosmos.CosmosServerStores;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.testsupport.SettableClock;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fleet routes answer the same on Azure as locally: through the Functions adapters over the
 * Cosmos stores (the real client against the Cosmos server, on the declared containers), and
 * through the API over the in-memory stores, fed the same records at the same store times: summary,
 * the map of the whole fleet (clusters) and of a zoomed box (devices), the search and the change
 * listing, page by page.
 */
class FleetViewsOnCosmosTest {
  private static final Instant T0 = Instant.parse("2026-11-28T11:00:00Z");
  private static final double VILNIUS_LAT = 54.6872;
  private static final double VILNIUS_LON = 25.2797;
  private static final int CITY_FLEET = 230;

  private final SettableClock clock = new SettableClock(T0);
  /** Each answers a GET of a path with its query: status and JSON body. */
  private final List<Function<ApiRequest, Answer>> apis = new ArrayList<>();
  private final List<TelemetryStore> stores = new ArrayList<>();
  private final List<AlertStore> alertStores = new ArrayList<>();

  @BeforeEach
  void openBothStores() {
    CosmosServerStores.Fleet cosmos = CosmosServerStores.fleet(clock);
    FleetApi onCosmos = api(cosmos.telemetry(), cosmos.alerts());
    ApiBridge bridge = new ApiBridge(() -> onCosmos);
    FunctionRoutes functions = new FunctionRoutes(new DeviceFunctions(bridge), new FleetFunctions(bridge));
    apis.add(request -> {
      StubHttpRequest.Response response = (StubHttpRequest.Response) functions.dispatch(new StubHttpRequest("GET",
          request.path(), request.query(), null, Map.of())).orElseThrow(() -> new AssertionError("no function route "
          + request.path()));
      return new Answer(response.getStatusCode(), response.bodyText());
    });
    FleetApi local = api(new InMemoryTelemetryStore(clock), new InMemoryAlertStore());
    apis.add(request -> {
      ApiResponse response = local.handle(request);
      return new Answer(response.status(), new String(response.body(), StandardCharsets.UTF_8));
    });
  }

  private record Answer(int status, String body) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private FleetApi api(TelemetryStore store, AlertStore alerts) {
    stores.add(store);
    alertStores.add(alerts);
    return new FleetApi(store, null, CommandDispatcher.none(), null, alerts, null, () -> true, clock,
        FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  private static String imei(int n) {
    return String.valueOf(356307042440000L + n);
  }

  private static Record record(String imei, Instant ts, double lat, double lon, int speed) {
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) speed}), imei, ts, ts.plusMillis(700), lat, lon,
        120, 45, speed, 9, 1, 0, null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  /**
   * A city fleet dense enough to cluster at a small zoom, some moving; two devices in Madrid; one
   * that never had a fix; one that went quiet two hours ago; two registered that never sent data.
   */
  private List<Record> fleet() {
    List<Record> records = new ArrayList<>();
    for (int n = 0; n < CITY_FLEET; n++) {
      double lat = VILNIUS_LAT + (n % 23) * 0.004;
      double lon = VILNIUS_LON + (n / 23) * 0.006;
      records.add(record(imei(n), T0.minusSeconds(n), lat, lon, n % 3 == 0 ? 42 : 0));
    }
    records.add(record(imei(500), T0.minusSeconds(5), 40.4168, -3.7038, 80));
    records.add(record(imei(501), T0.minusSeconds(9), 40.4200, -3.7100, 0));
    records.add(record(imei(600), T0.minusSeconds(3), 0.0, 0.0, 0));
    records.add(record(imei(700), T0.minus(Duration.ofHours(2)), 54.90, 23.90, 0));
    return records;
  }

  private void feed(List<Record> records) {
    stores.forEach(store -> store.upsert(records));
  }

  private void forEachStore(BiConsumer<TelemetryStore, AlertStore> action) {
    for (int i = 0; i < stores.size(); i++) {
      action.accept(stores.get(i), alertStores.get(i));
    }
  }

  private void seed() {
    forEachStore((store, alerts) -> {
      store.register(imei(800), "Spare van");
      store.register(imei(801), "Spare truck");
      store.register(imei(7), "Bus 7");
      store.register(imei(77), "Night bus");
    });
    feed(fleet());
    Alert open = new Alert("a1", "speeding", imei(3), AlertKind.OVERSPEED, T0, 130.0, VILNIUS_LAT, VILNIUS_LON,
        AlertStatus.OPEN, null);
    forEachStore((store, alerts) -> alerts.apply(List.of(), List.of(open), T0));
    clock.set(T0.plusSeconds(60));
  }

  /** The answer of every API, asserted equal (numbers to 1e-9) and 200; returns the first. */
  private JsonNode same(String path, String... query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < query.length; i += 2) {
      params.put(query[i], query[i + 1]);
    }
    List<JsonNode> answers = new ArrayList<>();
    for (Function<ApiRequest, Answer> api : apis) {
      Answer answer = api.apply(ApiRequest.of("GET", path, params));
      assertEquals(200, answer.status(), answer.body());
      answers.add(answer.json());
    }
    assertSameJson(answers.get(1), answers.get(0), path + " " + params);
    return answers.get(0);
  }

  /** Every page of a device listing, following each API's own {@code next}; IMEIs in order. */
  private List<String> allPages(String... query) {
    List<List<JsonNode>> lists = new ArrayList<>();
    for (Function<ApiRequest, Answer> api : apis) {
      List<JsonNode> items = new ArrayList<>();
      String next = null;
      do {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
          params.put(query[i], query[i + 1]);
        }
        if (next != null) {
          params.put("next", next);
        }
        Answer answer = api.apply(ApiRequest.of("GET", "/api/devices", params));
        assertEquals(200, answer.status(), answer.body());
        JsonNode body = answer.json();
        body.path("items").forEach(items::add);
        next = body.path("next").isNull() ? null : body.path("next").asText();
      } while (next != null && items.size() < 1000);
      lists.add(items);
    }
    assertEquals(lists.get(1).size(), lists.get(0).size());
    for (int i = 0; i < lists.get(0).size(); i++) {
      assertSameJson(lists.get(1).get(i), lists.get(0).get(i), "item " + i);
    }
    return lists.get(0).stream().map(d -> d.path("imei").asText()).toList();
  }

  @Test
  void theSummaryCountsTheSameFleet() {
    seed();

    JsonNode summary = same("/api/fleet/summary");

    assertEquals(CITY_FLEET + 4 + 2, summary.path("devices").asLong());
    assertEquals(CITY_FLEET + 3, summary.path("online").asLong());
    assertEquals(1, summary.path("openAlerts").asLong());
  }

  @Test
  void theWholeFleetIsTheSameClustersAndTheZoomedBoxTheSameDevices() {
    seed();

    JsonNode world = same("/api/fleet/map", "bbox", "-180,-85,180,85", "zoom", "2");
    long total = 0;
    for (JsonNode cluster : world.path("clusters")) {
      total += cluster.path("count").asLong();
    }
    assertEquals(CITY_FLEET + 3, total + world.path("devices").size(), "every device with a position, once");
    assertTrue(world.path("clusters").size() > 0, world.toString());

    JsonNode street = same("/api/fleet/map", "bbox", "25.27,54.68,25.30,54.70", "zoom", "14");
    assertEquals(0, street.path("clusters").size());
    assertTrue(street.path("devices").size() > 5, street.toString());
  }

  @Test
  void searchAndChangesListTheSameDevicesPageByPage() {
    seed();
    assertEquals(List.of(imei(7), imei(77)), allPages("q", "BUS", "limit", "1"));
    assertEquals(10, allPages("q", imei(0).substring(0, 14), "limit", "4").size());

    Instant beforeChanges = clock.instant();
    clock.advance(Duration.ofSeconds(10));
    feed(List.of(record(imei(42), T0.plusSeconds(30), 54.70, 25.31, 12)));
    clock.advance(Duration.ofSeconds(10));
    forEachStore((store, alerts) -> store.register(imei(801), "Spare truck 2"));
    clock.advance(Duration.ofSeconds(10));
    feed(List.of(record(imei(5), T0.plusSeconds(31), 54.71, 25.32, 0),
        record(imei(4), T0.plusSeconds(31), 54.72, 25.33, 0)));

    assertEquals(List.of(imei(42), imei(801), imei(4), imei(5)),
        allPages("changedSince", beforeChanges.toString(), "limit", "3"));
    same("/api/fleet/map", "bbox", "25.30,54.69,25.34,54.73", "zoom", "15");
  }

  private static void assertSameJson(JsonNode expected, JsonNode actual, String where) {
    if (expected.isNumber() && actual.isNumber()) {
      if (Math.abs(expected.asDouble() - actual.asDouble()) > 1e-9) {
        fail(where + ": " + expected + " != " + actual);
      }
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      List<String> expectedNames = new ArrayList<>();
      expected.fieldNames().forEachRemaining(expectedNames::add);
      List<String> actualNames = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualNames::add);
      assertEquals(expectedNames, actualNames, where);
      expectedNames.forEach(name -> assertSameJson(expected.get(name), actual.get(name), where + "." + name));
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      assertEquals(expected.size(), actual.size(), where + " size");
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      for (JsonNode e : expected) {
        assertSameJson(e, a.next(), where + "[" + i++ + "]");
      }
      return;
    }
    assertEquals(expected, actual, where);
  }
}
