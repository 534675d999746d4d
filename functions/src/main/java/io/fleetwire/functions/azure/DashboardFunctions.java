package io.fleetwire.functions.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.fleetwire.contract.Json;
import io.fleetwire.functions.api.ApiError;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.dashboard.DashboardAssets;
import io.fleetwire.functions.dashboard.DashboardAssets.Asset;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The dashboard page and its libraries from the jar: {@code GET /api/dashboard/},
 * {@code GET /api/dashboard/{*asset}} and {@code GET /api/webjars/{*path}}, as the local server
 * serves them below {@code /api/}. {@code /api/dashboard}
 * without the slash is redirected (308) to it so the page's relative URLs resolve below it.
 *
 * <p>The Functions host ignores a trailing slash when it matches routes and may offer
 * {@code /api/dashboard} to either function, so both decide from the request's own path.
 */
public final class DashboardFunctions {
  private static final String PAGE_PATH = FleetApi.PREFIX + "/dashboard/";

  private final Function<String, Optional<Asset>> assets;

  public DashboardFunctions() {
    this(new DashboardAssets()::find);
  }

  /** @param assets finds an asset by its path relative to the page (as {@link DashboardAssets#find}) */
  public DashboardFunctions(Function<String, Optional<Asset>> assets) {
    this.assets = Objects.requireNonNull(assets, "assets");
  }

  @FunctionName("dashboard")
  public HttpResponseMessage dashboard(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "dashboard",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return ApiBridge.toResponse(request, serve(request, ""));
  }

  @FunctionName("dashboardAsset")
  public HttpResponseMessage dashboardAsset(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "dashboard/{*asset}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("asset") String asset) {
    return ApiBridge.toResponse(request, serve(request, asset == null || asset.isEmpty() ? "" : "dashboard/" + asset));
  }

  /** The page's libraries: it sets its base to {@code /api/}, so they load from {@code /api/webjars/...}. */
  @FunctionName("dashboardLibrary")
  public HttpResponseMessage dashboardLibrary(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "webjars/{*path}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("path") String path) {
    return ApiBridge.toResponse(request, serve(request, "webjars/" + (path == null ? "" : path)));
  }

  private ApiResponse serve(HttpRequestMessage<?> request, String asset) {
    String requested = request.getUri() == null ? "" : Objects.toString(request.getUri().getPath(), "");
    if (asset.isEmpty() && !requested.endsWith("/")) {
      return new ApiResponse(308, null, new byte[0], Map.of("Location", PAGE_PATH));
    }
    return assets.apply(asset)
        .map(found -> new ApiResponse(200, found.contentType(), found.bytes(), Map.of("Cache-Control", "no-cache")))
        .orElseGet(() -> notFound(FleetApi.PREFIX + "/" + asset));
  }

  private static ApiResponse notFound(String path) {
    try {
      byte[] body = Json.mapper().writeValueAsBytes(new ApiError("not_found", "no page or asset at " + path));
      return new ApiResponse(404, ApiResponse.JSON, body, Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("error body is not writable as JSON", e);
    }
  }
}
