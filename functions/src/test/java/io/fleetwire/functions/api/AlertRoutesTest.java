package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.functions.access.Role;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRoutesTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private final InMemoryAlertStore alerts = new InMemoryAlertStore();
  private final FleetApi api = new FleetApi(new InMemoryTelemetryStore(), null, CommandDispatcher.none(), null, alerts, null,
      () -> true, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15));

  private ApiResponse call(String method, String path, String body, Map<String, String> query) {
    return api.handle(new ApiRequest(method, path, query, body, Map.of("Content-Type", "application/json")));
  }

  private static JsonNode json(ApiResponse response) throws Exception {
    return Json.mapper().readTree(response.body());
  }

  @Test
  void onlyAnAdminCreatesOrDeletesRulesWhileAViewerReadsRulesAndAlerts() throws Exception {
    Map<String, String> headers = Map.of("Content-Type", "application/json");
    ApiRequest create = new ApiRequest("POST", "/api/rules", Map.of(),
        "{\"id\":\"reefer\",\"name\":\"Reefer\",\"kind\":\"temperature-above\",\"threshold\":8}", headers);
    ApiRequest delete = new ApiRequest("DELETE", "/api/rules/reefer", Map.of(), "", headers);

    for (Role role : List.of(Role.viewer, Role.operator)) {
      ApiResponse refused = api.handle(create, role);
      assertEquals(403, refused.status(), role + ": " + refused.bodyText());
      assertEquals("forbidden", json(refused).get("error").asText());
    }
    assertEquals(201, api.handle(create, Role.admin).status());
    assertEquals(403, api.handle(delete, Role.operator).status());
    assertEquals(200, api.handle(new ApiRequest("GET", "/api/rules", Map.of(), "", headers), Role.viewer).status());
    assertEquals(200, api.handle(new ApiRequest("GET", "/api/rules/reefer", Map.of(), "", headers), Role.viewer).status());
    assertEquals(200, api.handle(new ApiRequest("GET", "/api/alerts", Map.of("state", "open"), "", headers), Role.viewer)
        .status());
    assertEquals(204, api.handle(delete, Role.admin).status());
  }

  @Test
  void createsListsShowsAndDeletesARule() throws Exception {
    ApiResponse created = call("POST", "/api/rules", """
        {"id":"reefer","name":"Reefer above 8 °C","kind":"temperature-above","threshold":8,"forSeconds":600}""", Map.of());

    assertEquals(201, created.status(), created.bodyText());
    assertEquals("/api/rules/reefer", created.headers().get("Location"));
    assertEquals("temperature-above", json(created).get("kind").asText());
    assertTrue(json(created).get("devices").isNull(), "null devices: every device");
    assertEquals("reefer", json(call("GET", "/api/rules", "", Map.of())).get("items").get(0).get("id").asText());
    assertEquals(600, json(call("GET", "/api/rules/reefer", "", Map.of())).get("forSeconds").asInt());
    assertEquals(409, call("POST", "/api/rules", created.bodyText(), Map.of()).status());
    assertEquals(204, call("DELETE", "/api/rules/reefer", "", Map.of()).status());
    ApiResponse gone = call("GET", "/api/rules/reefer", "", Map.of());
    assertEquals(404, gone.status());
    assertEquals("unknown_rule", json(gone).get("error").asText());
  }

  @Test
  void aRuleWithoutAnIdGetsOne() throws Exception {
    ApiResponse created = call("POST", "/api/rules",
        "{\"name\":\"Speeding\",\"kind\":\"overspeed\",\"threshold\":110,\"devices\":[\"356307042441013\"]}", Map.of());

    assertEquals(201, created.status(), created.bodyText());
    assertEquals(36, json(created).get("id").asText().length());
  }

  @Test
  void aBadRuleIsA400ThatSaysWhatIsWrong() throws Exception {
    List<String[]> cases = List.of(
        new String[] {"{\"name\":\"x\",\"kind\":\"too-hot\",\"threshold\":8}", "unknown rule kind 'too-hot'"},
        new String[] {"{\"name\":\"x\",\"kind\":\"overspeed\"}", "needs a numeric threshold"},
        new String[] {"{\"name\":\"x\",\"kind\":\"geofence-exit\"}", "needs a geofence"},
        new String[] {"{\"name\":\"x\",\"kind\":\"geofence-exit\",\"geofence\":{\"lat\":54,\"lon\":25}}", "radiusM"},
        new String[] {"{\"name\":\"x\",\"kind\":\"overspeed\",\"threshold\":90,\"devices\":[\"12\"]}", "malformed IMEI"},
        new String[] {"[1,2]", "JSON object"},
        new String[] {"{", "not JSON"});
    for (String[] c : cases) {
      ApiResponse response = call("POST", "/api/rules", c[0], Map.of());
      assertEquals(400, response.status(), c[0]);
      assertTrue(json(response).get("detail").asText().contains(c[1]), c[0] + " -> " + response.bodyText());
    }
  }

  @Test
  void alertsArePagedNewestFirstAndOpenOnesListedOnTheirOwn() throws Exception {
    List<Alert> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Alert open = new Alert("a" + i, "r1", "356307042441013", AlertKind.OVERSPEED, NOW.minusSeconds(600 - i * 60L),
          120.0, 54.0, 25.0, AlertStatus.OPEN, null);
      made.add(i < 3 ? open.closed(NOW.minusSeconds(30)) : open);
    }
    alerts.apply(List.of(), made, NOW);

    JsonNode first = json(call("GET", "/api/alerts", "", Map.of("limit", "2")));
    JsonNode second = json(call("GET", "/api/alerts", "", Map.of("limit", "2", "next", first.get("next").asText())));
    JsonNode open = json(call("GET", "/api/alerts", "", Map.of("state", "open")));

    assertEquals("a4", first.get("items").get(0).get("id").asText());
    assertEquals("a2", second.get("items").get(0).get("id").asText());
    assertEquals("closed", second.get("items").get(0).get("state").asText());
    assertEquals(2, open.get("items").size());
    assertNull(open.get("next").textValue());
    JsonNode newestOpen = json(call("GET", "/api/alerts", "", Map.of("state", "open", "limit", "1")));
    assertEquals(1, newestOpen.get("items").size());
    assertEquals("a4", newestOpen.get("items").get(0).get("id").asText());
    assertEquals(400, call("GET", "/api/alerts", "", Map.of("imei", "123")).status());
  }
}
