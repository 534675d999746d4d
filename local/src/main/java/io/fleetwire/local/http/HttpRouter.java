package io.fleetwire.local.http;

import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.dashboard.DashboardAssets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what answers a request: the dashboard page and its assets (at {@code /} and, as on
 * Azure, at {@code /api/dashboard}), else the API. With an API token set, every API route but
 * health needs {@code Authorization: Bearer <token>}; the page itself is public (it holds no data).
 */
final class HttpRouter {
  private static final String DASHBOARD = FleetApi.PREFIX + "/dashboard";
  private static final String WEBJARS = FleetApi.PREFIX + "/webjars/";

  private final FleetApi api;
  private final DashboardAssets assets;
  private final byte[] token;

  HttpRouter(FleetApi api, DashboardAssets assets, String apiToken) {
    this.api = api;
    this.assets = assets;
    this.token = apiToken == null || apiToken.isBlank() ? null : apiToken.getBytes(StandardCharsets.UTF_8);
  }

  /** True when the request is for the page or an asset, which need no store access. */
  boolean isAsset(String path) {
    return !path.startsWith(FleetApi.PREFIX + "/") || path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/")
        || path.startsWith(WEBJARS);
  }

  ApiResponse route(ApiRequest request) {
    String path = request.path();
    if (isAsset(path)) {
      return asset(request.method(), path);
    }
    if (token != null && !path.equals(FleetApi.PREFIX + "/health") && !authorized(request)) {
      return error(401, "unauthorized", "this server needs an API token: send 'Authorization: Bearer <token>'",
          Map.of("WWW-Authenticate", "Bearer"));
    }
    return api.handle(request);
  }

  private ApiResponse asset(String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return error(405, "method not allowed", method + " is not allowed on " + path, Map.of("Allow", "GET, HEAD"));
    }
    if (path.equals(DASHBOARD)) {
      // as on Azure: the page's own folder is /api/dashboard/
      return new ApiResponse(308, null, new byte[0], Map.of("Location", DASHBOARD + "/"));
    }
    // the page sets its <base> to the root it was served under: "/" here, "/api/" as on Azure
    String relative = path.startsWith(FleetApi.PREFIX + "/") ? path.substring(FleetApi.PREFIX.length() + 1) : path.substring(1);
    Optional<DashboardAssets.Asset> asset = assets.find(relative);
    if (asset.isEmpty()) {
      return error(404, "not found", "no page or asset at " + path, Map.of());
    }
    return new ApiResponse(200, asset.get().contentType(), asset.get().bytes(), Map.of("Cache-Control", "no-cache"));
  }

  private boolean authorized(ApiRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }

  private static ApiResponse error(int status, String error, String detail, Map<String, String> headers) {
    String body = "{\"error\":\"" + error + "\",\"detail\":\"" + detail.replace("\"", "'") + "\"}";
    return new ApiResponse(status, ApiResponse.JSON, body.getBytes(StandardCharsets.UTF_8), headers);
  }
}
