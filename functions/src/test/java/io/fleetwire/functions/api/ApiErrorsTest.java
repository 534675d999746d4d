package io.fleetwire.functions.api;

import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiErrorsTest {
  private final ApiFixture fixture = new ApiFixture();

  @Test
  void answers404ForAnUnknownRoute() {
    for (String path : new String[] {"/api/nothing", "/api", "/devices", "/api/devices/" + IMEI + "/commands",
        "/api/reports/weekly", "/api/devices/" + IMEI + "/positions/extra"}) {
      String detail = assertError(fixture.get(path), 404, "not_found");
      assertTrue(detail.contains("GET"), detail);
    }
  }

  @Test
  void toleratesATrailingSlash() {
    assertEquals(200, fixture.get("/api/devices/").status());
  }

  @Test
  void answers405WithAllowForAWrongMethod() {
    ApiResponse put = fixture.api.handle(ApiRequest.of("PUT", "/api/devices", Map.of()));
    assertTrue(assertError(put, 405, "method_not_allowed").contains("GET, POST"));
    assertEquals("GET, POST", put.headers().get("Allow"));

    ApiResponse post = fixture.post("/api/health", "{}");
    assertError(post, 405, "method_not_allowed");
    assertEquals("GET", post.headers().get("Allow"));

    ApiResponse deleteReport = fixture.delete("/api/reports/daily");
    assertError(deleteReport, 405, "method_not_allowed");
    ApiResponse postPositions = fixture.post("/api/devices/" + IMEI + "/positions", "{}");
    assertEquals("GET", postPositions.headers().get("Allow"));
    assertEquals("GET, DELETE", fixture.post("/api/devices/" + IMEI, "{}").headers().get("Allow"));
  }

  @Test
  void answers413ForABodyOver64KiB() {
    String huge = "{\"imei\":\"" + IMEI + "\",\"name\":\"" + "x".repeat(FleetApi.MAX_BODY_BYTES) + "\"}";

    String detail = assertError(fixture.post("/api/devices", huge), 413, "body_too_large");

    assertTrue(detail.contains("65536"), detail);
    assertFalse(fixture.store.isRegistered(IMEI));
  }

  @Test
  void answers413WhenTheDeclaredLengthIsOver64KiB() {
    ApiRequest request = new ApiRequest("POST", "/api/devices", Map.of(), "{}",
        Map.of("content-length", String.valueOf(FleetApi.MAX_BODY_BYTES + 1)));

    assertError(fixture.api.handle(request), 413, "body_too_large");
  }

  @Test
  void answers503WhenTheStoreIsUnavailable() {
    ApiFixture down = new ApiFixture(new FailingTelemetryStore(
        () -> new StoreUnavailableException("database is locked", null)));

    String detail = assertError(down.get("/api/devices"), 503, "store_unavailable");
    assertFalse(detail.contains("locked"), detail);
    assertError(down.get("/api/devices/" + IMEI), 503, "store_unavailable");
    assertError(down.get("/api/reports/daily"), 503, "store_unavailable");
    assertError(down.post("/api/devices", "{\"imei\":\"" + IMEI + "\"}"), 503, "store_unavailable");
  }

  @Test
  void answers500WithoutInternalsForAnUnexpectedFailure() {
    TelemetryStore store = new FailingTelemetryStore(
        () -> new IllegalStateException("secret at /var/lib/fleetwire/fleet.db"));

    ApiResponse response = new ApiFixture(store).get("/api/devices");

    String detail = assertError(response, 500, "internal_error");
    assertFalse(response.bodyText().contains("secret") || response.bodyText().contains("Exception")
        || response.bodyText().contains("at io.fleetwire"), response.bodyText());
    assertEquals("the server failed to answer this request", detail);
  }
}
