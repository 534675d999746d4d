package io.fleetwire.functions.azure;

import io.fleetwire.functions.dashboard.DashboardAssets.Asset;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardFunctionsTest {
  private static final byte[] PAGE = "<html>fleet</html>".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SCRIPT = "export {};".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STYLE = ".leaflet-container{}".getBytes(StandardCharsets.UTF_8);
  private final Map<String, Asset> files = Map.of(
      "index.html", new Asset(PAGE, "text/html; charset=utf-8"),
      "dashboard/app.js", new Asset(SCRIPT, "text/javascript; charset=utf-8"),
      "webjars/leaflet/1.9.4/dist/leaflet.css", new Asset(STYLE, "text/css; charset=utf-8"));
  private final DashboardFunctions functions = new DashboardFunctions(path ->
      Optional.ofNullable(files.get(path.isEmpty() ? "index.html" : path)));

  @Test
  void redirectsTheFolderWithoutItsSlashSoRelativeUrlsResolve() {
    StubHttpRequest.Response response = (StubHttpRequest.Response) functions.dashboard(
        StubHttpRequest.get("/api/dashboard"));

    assertEquals(308, response.getStatusCode());
    assertEquals("/api/dashboard/", response.getHeader("Location"));
    assertEquals(0, response.bodyBytes().length);
  }

  @Test
  void servesThePageAtTheFolderWhicheverFunctionTheHostPicks() {
    StubHttpRequest.Response byFolder = (StubHttpRequest.Response) functions.dashboard(
        StubHttpRequest.get("/api/dashboard/"));
    StubHttpRequest.Response byAsset = (StubHttpRequest.Response) functions.dashboardAsset(
        StubHttpRequest.get("/api/dashboard/"), null);

    for (StubHttpRequest.Response response : new StubHttpRequest.Response[] {byFolder, byAsset}) {
      assertEquals(200, response.getStatusCode());
      assertEquals("text/html; charset=utf-8", response.getHeader("Content-Type"));
      assertEquals("no-cache", response.getHeader("Cache-Control"));
      assertArrayEquals(PAGE, response.bodyBytes());
    }
  }

  @Test
  void servesAnAssetWithItsContentType() {
    StubHttpRequest.Response response = (StubHttpRequest.Response) functions.dashboardAsset(
        StubHttpRequest.get("/api/dashboard/app.js"), "app.js");

    assertEquals(200, response.getStatusCode());
    assertEquals("text/javascript; charset=utf-8", response.getHeader("Content-Type"));
    assertArrayEquals(SCRIPT, response.bodyBytes());
  }

  @Test
  void servesTheLibrariesBelowTheApiRootThePageUsesAsItsBase() {
    StubHttpRequest.Response response = (StubHttpRequest.Response) functions.dashboardLibrary(
        StubHttpRequest.get("/api/webjars/leaflet/1.9.4/dist/leaflet.css"), "leaflet/1.9.4/dist/leaflet.css");

    assertEquals(200, response.getStatusCode());
    assertEquals("text/css; charset=utf-8", response.getHeader("Content-Type"));
    assertArrayEquals(STYLE, response.bodyBytes());
  }

  @Test
  void answers404WithAJsonErrorForAMissingAsset() {
    StubHttpRequest.Response response = (StubHttpRequest.Response) functions.dashboardAsset(
        StubHttpRequest.get("/api/dashboard/missing.js"), "missing.js");

    assertEquals(404, response.getStatusCode());
    assertEquals("application/json; charset=utf-8", response.getHeader("Content-Type"));
    assertEquals("{\"error\":\"not_found\",\"detail\":\"no page or asset at /api/dashboard/missing.js\"}",
        response.bodyText());
  }
}
