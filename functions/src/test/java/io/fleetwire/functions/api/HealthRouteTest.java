package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthRouteTest {
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private final FleetApi api = new FleetApi(new InMemoryTelemetryStore(), ready::get, Clock.systemUTC());

  @Test
  void isUpWhenReady() {
    ApiResponse response = api.handle(ApiRequest.of("GET", "/api/health", Map.of()));

    assertEquals(200, response.status());
    assertEquals("UP", json(response).get("status").asText());
  }

  @Test
  void isDownWith503WhenNotReady() {
    ready.set(false);

    ApiResponse response = api.handle(ApiRequest.of("GET", "/api/health", Map.of()));

    assertEquals(503, response.status());
    JsonNode body = json(response);
    assertEquals("DOWN", body.get("status").asText());
  }
}
