package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A {@link FleetApi} over an in-memory store at a fixed time, and shorthand to call it. */
final class ApiFixture {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final String IMEI = "356307042441013";
  static final String OTHER_IMEI = "356307042441014";

  final TelemetryStore store;
  final FleetApi api;

  ApiFixture() {
    this(new InMemoryTelemetryStore());
  }

  ApiFixture(TelemetryStore store) {
    this.store = store;
    this.api = new FleetApi(store, () -> true, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** An API that serves the daily reports {@code fleetDays} holds for the days they complete. */
  ApiFixture(TelemetryStore store, FleetDayStore fleetDays) {
    this.store = store;
    this.api = new FleetApi(store, null, CommandDispatcher.none(), fleetDays, null, null, () -> true,
        Clock.fixed(NOW, ZoneOffset.UTC), FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  /** An API with alerts on {@code clock}, which the store may share. */
  ApiFixture(TelemetryStore store, AlertStore alerts, Clock clock) {
    this.store = store;
    this.api = new FleetApi(store, null, CommandDispatcher.none(), null, alerts, null, () -> true, clock,
        FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  void store(List<Record> records) {
    store.upsert(records);
  }

  /** GET with query parameters given as name, value, name, value... */
  ApiResponse get(String path, String... query) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < query.length; i += 2) {
      params.put(query[i], query[i + 1]);
    }
    return api.handle(ApiRequest.of("GET", path, params));
  }

  ApiResponse post(String path, String body) {
    return api.handle(new ApiRequest("POST", path, Map.of(), body, Map.of("Content-Type", "application/json")));
  }

  ApiResponse delete(String path) {
    return api.handle(ApiRequest.of("DELETE", path, Map.of()));
  }

  static JsonNode json(ApiResponse response) {
    assertEquals(ApiResponse.JSON, response.contentType());
    try {
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the status and the error code of a JSON error body; returns its detail. */
  static String assertError(ApiResponse response, int status, String error) {
    assertEquals(status, response.status(), response.bodyText());
    JsonNode body = json(response);
    assertEquals(error, body.get("error").asText(), response.bodyText());
    assertEquals(2, body.size(), "an error body has exactly error and detail: " + response.bodyText());
    return body.get("detail").asText();
  }
}
