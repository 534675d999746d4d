package io.fleetwire.functions.azure;

import io.fleetwire.contract.Json;
import io.fleetwire.functions.api.ApiConformanceCases;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApiBridgeTest {
  private static final String IMEI = ApiConformanceCases.TRACKED_IMEI;

  @Test
  void passesMethodRoutePathQueryBodyAndHeadersToTheApi() {
    StubHttpRequest request = new StubHttpRequest("POST", "/api/devices", Map.of("from", "2026-05-01T00:00:00Z"),
        "{\"imei\":\"1\"}", Map.of("X-Trace", "abc"));

    ApiRequest seen = ApiBridge.toApiRequest(request, "devices/" + IMEI + "/positions");

    assertEquals("POST", seen.method());
    assertEquals("/api/devices/" + IMEI + "/positions", seen.path());
    assertEquals("2026-05-01T00:00:00Z", seen.param("from").orElseThrow());
    assertEquals("{\"imei\":\"1\"}", seen.body());
    assertEquals("abc", seen.header("X-Trace").orElseThrow());
  }

  @Test
  void readsAMissingBodyAsEmpty() {
    assertEquals("", ApiBridge.toApiRequest(StubHttpRequest.get("/api/health"), "health").body());
  }

  @Test
  void answersWithTheApiStatusContentTypeHeadersAndBodyBytes() {
    byte[] csv = "imei\n1\n".getBytes(StandardCharsets.UTF_8);
    ApiResponse answer = new ApiResponse(200, ApiResponse.CSV, csv, Map.of("Content-Disposition", "attachment"));

    StubHttpRequest.Response response = (StubHttpRequest.Response) ApiBridge.toResponse(
        StubHttpRequest.get("/api/reports/daily"), answer);

    assertEquals(200, response.getStatusCode());
    assertEquals(ApiResponse.CSV, response.getHeader("Content-Type"));
    assertEquals("attachment", response.getHeader("Content-Disposition"));
    assertArrayEquals(csv, response.bodyBytes());
  }

  @Test
  void answersANoContentResponseWithoutBodyOrContentType() {
    StubHttpRequest.Response response = (StubHttpRequest.Response) ApiBridge.toResponse(
        StubHttpRequest.get("/api/devices/" + IMEI), new ApiResponse(204, null, new byte[0], Map.of()));

    assertEquals(204, response.getStatusCode());
    assertNull(response.getHeader("Content-Type"));
    assertNull(response.getBody());
  }

  @Test
  void deviceFunctionAnswersForTheDeviceBoundFromTheRoute() throws Exception {
    FleetApi api = ApiConformanceCases.api(ApiConformanceCases.seededStore());
    DeviceFunctions functions = new DeviceFunctions(new ApiBridge(() -> api));

    StubHttpRequest.Response response = (StubHttpRequest.Response) functions.device(
        StubHttpRequest.get("/api/devices/" + IMEI), IMEI);

    assertEquals(200, response.getStatusCode());
    assertEquals(ApiResponse.JSON, response.getHeader("Content-Type"));
    assertEquals(IMEI, Json.mapper().readTree(response.bodyBytes()).get("imei").asText());
  }

  @Test
  void answers503WithAJsonErrorWhenTheWorkerCannotBuildItsStore() {
    HealthFunction health = new HealthFunction(new ApiBridge(() -> {
      throw new IllegalStateException("FLEETWIRE_COSMOS_ENDPOINT is not set");
    }));

    StubHttpRequest.Response response = (StubHttpRequest.Response) health.health(StubHttpRequest.get("/api/health"));

    assertEquals(503, response.getStatusCode());
    assertEquals(ApiResponse.JSON, response.getHeader("Content-Type"));
    assertEquals("{\"error\":\"store_unavailable\",\"detail\":\"the store is unavailable; try again shortly\"}",
        response.bodyText());
  }

  @Test
  void functionsBuiltByTheHostAnswer503UntilTheWorkerHasAStore() throws Exception {
    // no FLEETWIRE_COSMOS_ENDPOINT in the test environment: the runtime cannot build its store
    StubHttpRequest.Response response = (StubHttpRequest.Response) new DeviceFunctions().devices(
        StubHttpRequest.get("/api/devices"));

    assertEquals(503, response.getStatusCode());
    assertEquals("store_unavailable", Json.mapper().readTree(response.bodyBytes()).get("error").asText());
  }
}
