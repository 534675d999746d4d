package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.functions.alert.AlertEvaluator;
import io.fleetwire.functions.report.SyntheticTrack;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import io.fleetwire.contract.store.TelemetryStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API cases every HTTP front end must answer alike (DESIGN "HTTP API": same routes and JSON on
 * Azure Functions and locally), written once as data. The Functions adapters and the local HTTP
 * server each run them against a store seeded by {@link #seededStore()} at the fixed time {@link #NOW}.
 */
public final class ApiConformanceCases {
  public static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  /**
   * Has three records from ten minutes ago, one of them a crash event (IO 247), and two messages
   * of its own: a Codec 15 text and a binary Codec 12 payload.
   */
  public static final String TRACKED_IMEI = "356307042441013";
  /** Registered as "Van 7", never seen. */
  public static final String REGISTERED_IMEI = "356307042441014";
  /** Not known at all. */
  public static final String UNKNOWN_IMEI = "356307042441015";
  /** An overspeed rule for {@link #TRACKED_IMEI}, whose alert opened nine minutes ago and is still open. */
  public static final String RULE_ID = "speeding";
  private static final String DAY = "2026-05-01";
  private static final String FROM = "2026-05-01T00:00:00Z";
  private static final String TO = "2026-05-01T12:00:00Z";

  /**
   * One request and what must come back.
   *
   * @param contentType expected Content-Type, null when there must be no body
   * @param headers     response headers that must be present with these values
   * @param json        JSON pointer → expected text of that node ({@code "null"} for JSON null)
   * @param sizes       JSON pointer → expected number of array elements
   */
  public record Case(String name, String method, String path, Map<String, String> query, String body,
      int status, String contentType, Map<String, String> headers, Map<String, String> json,
      Map<String, Integer> sizes) {

    @Override
    public String toString() {
      return name;
    }
  }

  private ApiConformanceCases() {
  }

  public static TelemetryStore seededStore() {
    TelemetryStore store = new InMemoryTelemetryStore();
    store.upsert(new SyntheticTrack(TRACKED_IMEI, NOW.minusSeconds(600)).position(45.5, 10.25).speed(42)
        .ignition(true).at(0).at(60).event(247).at(120).records());
    store.storeMessages(List.of(
        DeviceMessage.of(TRACKED_IMEI, NOW.minusSeconds(500), NOW.minusSeconds(499), 15, 11, "Hello!\n", null),
        DeviceMessage.of(TRACKED_IMEI, NOW.minusSeconds(400), NOW.minusSeconds(400), 12, 6, null, "010300010015d5c5")));
    store.register(REGISTERED_IMEI, "Van 7");
    return store;
  }

  public static FleetApi api(TelemetryStore store) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AlertStore alerts = new InMemoryAlertStore();
    alerts.createRule(new AlertRule(RULE_ID, "Speeding", AlertKind.OVERSPEED, List.of(TRACKED_IMEI), 40.0, 30, null,
        null));
    Alert open = new Alert("speeding-alert", RULE_ID, TRACKED_IMEI, AlertKind.OVERSPEED, NOW.minusSeconds(540), 42.0,
        45.5, 10.25, AlertStatus.OPEN, null);
    alerts.apply(List.of(), List.of(open), NOW);
    return new FleetApi(store, null, CommandDispatcher.none(), null, alerts, new AlertEvaluator(alerts, clock), () -> true,
        clock, FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  public static List<Case> cases() {
    String device = "/api/devices/" + TRACKED_IMEI;
    Map<String, String> day = Map.of("from", FROM, "to", TO);
    return List.of(
        ok("health is UP", "GET", "/api/health", Map.of(), Map.of("/status", "UP")),
        json("lists both devices", "GET", "/api/devices", Map.of(), null, 200, Map.of(), Map.of("/items", 2)),
        json("searches devices by name", "GET", "/api/devices", Map.of("q", "VAN"), null, 200,
            Map.of("/items/0/imei", REGISTERED_IMEI, "/next", "null"), Map.of("/items", 1)),
        error("refuses a changedSince that is no instant", "GET", "/api/devices", Map.of("changedSince", "today"),
            null, 400, "bad_time"),
        ok("summarises the fleet", "GET", "/api/fleet/summary", Map.of(),
            Map.of("/devices", "2", "/online", "1", "/offline", "1", "/moving", "1", "/openAlerts", "1")),
        json("maps the fleet", "GET", "/api/fleet/map", Map.of("bbox", "-180,-85,180,85", "zoom", "2"), null, 200,
            Map.of("/devices/0/imei", TRACKED_IMEI, "/devices/0/lat", "45.5", "/devices/0/speed", "42",
                "/devices/0/online", "true", "/devices/0/ts", "2026-05-01T11:52:00Z"),
            Map.of("/clusters", 0, "/devices", 1)),
        error("refuses a map box whose west is east of its east", "GET", "/api/fleet/map",
            Map.of("bbox", "20,0,10,5", "zoom", "2"), null, 400, "bad_bbox"),
        methodNotAllowed("answers 405 for POST on the fleet summary", "POST", "/api/fleet/summary", "GET"),
        json("registers a new device", "POST", "/api/devices", Map.of(),
            "{\"imei\":\"" + UNKNOWN_IMEI + "\",\"name\":\"Van 9\"}", 201,
            Map.of("/imei", UNKNOWN_IMEI, "/name", "Van 9", "/registered", "true", "/last", "null"), Map.of()),
        error("refuses a duplicate registration", "POST", "/api/devices", Map.of(),
            "{\"imei\":\"" + REGISTERED_IMEI + "\"}", 409, "already_registered"),
        error("refuses a body that is not JSON", "POST", "/api/devices", Map.of(), "{\"imei\":", 400, "bad_body"),
        error("refuses a body over 64 KiB", "POST", "/api/devices", Map.of(),
            "{\"imei\":\"" + UNKNOWN_IMEI + "\",\"name\":\"" + "x".repeat(FleetApi.MAX_BODY_BYTES) + "\"}",
            413, "body_too_large"),
        ok("shows a device with its latest record", "GET", device, Map.of(),
            Map.of("/imei", TRACKED_IMEI, "/online", "true", "/last/speed", "42", "/last/event", "247")),
        error("refuses an IMEI that is not 15 digits", "GET", "/api/devices/12345", Map.of(), null, 400, "bad_imei"),
        error("answers 404 for an unknown device", "GET", "/api/devices/" + UNKNOWN_IMEI, Map.of(), null, 404,
            "unknown_device"),
        new Case("removes a registered device", "DELETE", "/api/devices/" + REGISTERED_IMEI, Map.of(), null,
            204, null, Map.of(), Map.of(), Map.of()),
        error("answers 404 removing an unregistered device", "DELETE", "/api/devices/" + UNKNOWN_IMEI, Map.of(), null,
            404,
            "unknown_device"),
        methodNotAllowed("answers 405 for PUT on devices", "PUT", "/api/devices", "GET, POST"),
        methodNotAllowed("answers 405 for POST on health", "POST", "/api/health", "GET"),
        methodNotAllowed("answers 405 for DELETE on positions", "DELETE", device + "/positions", "GET"),
        json("lists positions oldest first", "GET", device + "/positions", day, null, 200,
            Map.of("/imei", TRACKED_IMEI, "/items/0/ts", "2026-05-01T11:50:00Z", "/next", "null"),
            Map.of("/items", 3)),
        json("pages positions by limit", "GET", device + "/positions", Map.of("from", FROM, "to", TO, "limit", "2"),
            null, 200, Map.of("/items/1/ts", "2026-05-01T11:51:00Z"), Map.of("/items", 2)),
        error("refuses a reversed range", "GET", device + "/positions", Map.of("from", TO, "to", FROM), null, 400,
            "bad_range"),
        error("answers 404 for positions of an unknown device", "GET", "/api/devices/" + UNKNOWN_IMEI + "/positions",
            Map.of(), null, 404, "unknown_device"),
        json("lists the device's own messages oldest first", "GET", device + "/messages", day, null, 200,
            Map.of("/imei", TRACKED_IMEI, "/items/0/codec", "15", "/items/0/text", "Hello!\n",
                "/items/0/ts", "2026-05-01T11:51:40Z", "/items/1/hex", "010300010015d5c5", "/next", "null"),
            Map.of("/items", 2)),
        json("pages messages by limit", "GET", device + "/messages", Map.of("from", FROM, "to", TO, "limit", "1"),
            null, 200, Map.of("/items/0/type", "11"), Map.of("/items", 1)),
        error("answers 404 for messages of an unknown device", "GET", "/api/devices/" + UNKNOWN_IMEI + "/messages",
            Map.of(), null, 404, "unknown_device"),
        json("lists alarm events", "GET", device + "/events", day, null, 200,
            Map.of("/imei", TRACKED_IMEI, "/items/0/event", "247"), Map.of("/items", 1)),
        ok("reports on a device's range", "GET", device + "/report", day,
            Map.of("/imei", TRACKED_IMEI, "/from", FROM, "/to", TO, "/records", "3", "/maxSpeedKmh", "42",
                "/alerts/overspeed", "1", "/alerts/offline", "0")),
        json("reports the fleet's day", "GET", "/api/reports/daily", Map.of("date", DAY), null, 200,
            Map.of("/date", DAY, "/items/0/imei", TRACKED_IMEI, "/items/0/alerts/overspeed", "1"), Map.of()),
        new Case("reports the fleet's day as CSV", "GET", "/api/reports/daily", Map.of("date", DAY, "format", "csv"),
            null, 200, ApiResponse.CSV, Map.of("Content-Disposition", "attachment; filename=\"fleet-" + DAY + ".csv\""),
            Map.of(), Map.of()),
        error("refuses a date that is not YYYY-MM-DD", "GET", "/api/reports/daily", Map.of("date", "1 May"), null, 400,
            "bad_date"),
        json("lists the alert rules", "GET", "/api/rules", Map.of(), null, 200,
            Map.of("/items/0/id", RULE_ID, "/items/0/kind", "overspeed"), Map.of("/items", 1)),
        new Case("creates an alert rule", "POST", "/api/rules", Map.of(),
            "{\"id\":\"reefer\",\"name\":\"Reefer warm\",\"kind\":\"temperature-above\",\"threshold\":8,"
                + "\"forSeconds\":600}", 201, ApiResponse.JSON, Map.of("Location", "/api/rules/reefer"),
            Map.of("/id", "reefer", "/kind", "temperature-above", "/threshold", "8.0", "/devices", "null"), Map.of()),
        error("refuses a rule of an unknown kind", "POST", "/api/rules", Map.of(),
            "{\"name\":\"x\",\"kind\":\"too-hot\",\"threshold\":8}", 400, "bad_rule"),
        error("refuses a rule whose id exists", "POST", "/api/rules", Map.of(),
            "{\"id\":\"" + RULE_ID + "\",\"name\":\"x\",\"kind\":\"overspeed\",\"threshold\":90}", 409,
            "rule_conflict"),
        ok("shows an alert rule", "GET", "/api/rules/" + RULE_ID, Map.of(),
            Map.of("/id", RULE_ID, "/threshold", "40.0", "/devices/0", TRACKED_IMEI)),
        new Case("deletes an alert rule", "DELETE", "/api/rules/" + RULE_ID, Map.of(), null, 204, null, Map.of(),
            Map.of(), Map.of()),
        error("answers 404 for an unknown rule", "DELETE", "/api/rules/no-such-rule", Map.of(), null, 404,
            "unknown_rule"),
        methodNotAllowed("answers 405 for PUT on rules", "PUT", "/api/rules", "GET, POST"),
        json("lists the alerts of a range", "GET", "/api/alerts", Map.of("from", FROM, "to", TO, "imei", TRACKED_IMEI),
            null, 200, Map.of("/items/0/ruleId", RULE_ID, "/items/0/ts", "2026-05-01T11:51:00Z", "/next", "null"),
            Map.of("/items", 1)),
        json("lists the alerts open now", "GET", "/api/alerts", Map.of("state", "open"), null, 200,
            Map.of("/items/0/state", "open", "/items/0/imei", TRACKED_IMEI), Map.of("/items", 1)),
        error("refuses an alert state other than open", "GET", "/api/alerts", Map.of("state", "closed"), null, 400,
            "bad_state"),
        new Case("redirects the dashboard to its folder", "GET", "/api/dashboard", Map.of(), null, 308, null,
            Map.of("Location", "/api/dashboard/"), Map.of(), Map.of()));
  }

  /**
   * Asserts a response against the case.
   *
   * @param header looks a response header up by name, without regard to case
   */
  public static void check(Case expected, int status, Function<String, String> header, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    String shown = expected.name() + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    assertEquals(expected.status(), status, shown);
    if (expected.contentType() == null) {
      assertEquals(0, body.length, shown);
    } else {
      assertEquals(expected.contentType(), header.apply("Content-Type"), shown);
    }
    expected.headers().forEach((name, value) -> assertEquals(value, header.apply(name), shown + " header " + name));
    if (expected.json().isEmpty() && expected.sizes().isEmpty()) {
      return;
    }
    JsonNode root = parse(body, shown);
    expected.json().forEach((pointer, value) -> {
      JsonNode node = root.at(pointer);
      assertTrue(!node.isMissingNode(), shown + " has " + pointer);
      assertEquals(value, node.isNull() ? "null" : node.asText(), shown + " at " + pointer);
    });
    expected.sizes().forEach((pointer, size) -> assertEquals(size, root.at(pointer).size(), shown + " size of " + pointer));
    if (expected.status() >= 400) {
      assertEquals(2, root.size(), shown + ": an error body has exactly error and detail");
      assertNotNull(root.get("detail"), shown);
    }
  }

  private static JsonNode parse(byte[] body, String shown) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + shown, e);
    }
  }

  private static Case ok(String name, String method, String path, Map<String, String> query, Map<String, String> json) {
    return json(name, method, path, query, null, 200, json, Map.of());
  }

  private static Case json(String name, String method, String path, Map<String, String> query, String body,
      int status, Map<String, String> json, Map<String, Integer> sizes) {
    return new Case(name, method, path, query, body, status, ApiResponse.JSON, Map.of(), json, sizes);
  }

  private static Case error(String name, String method, String path, Map<String, String> query, String body,
      int status, String error) {
    return json(name, method, path, query, body, status, Map.of("/error", error), Map.of());
  }

  private static Case methodNotAllowed(String name, String method, String path, String allow) {
    return new Case(name, method, path, Map.of(), null, 405, ApiResponse.JSON, Map.of("Allow", allow),
        Map.of("/error", "method_not_allowed"), Map.of());
  }
}
