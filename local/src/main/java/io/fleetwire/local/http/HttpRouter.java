package io.fleetwire.local.http;

import io.fleetwire.functions.access.Role;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.access.Refusal;
import io.fleetwire.local.http.HttpAccess.RefusedException;
import io.fleetwire.local.http.SharedAssets.SharedAsset;

import java.util.Map;
import java.util.Optional;

/**
 * Decides what answers a request: the dashboard page and its assets (at {@code /} and, as on
 * Azure, at {@code /api/dashboard}), else the API, after the checks of {@link HttpAccess}. The
 * page itself is public (it holds no data); every API route but health needs a role.
 */
final class HttpRouter {
  private static final String DASHBOARD = FleetApi.PREFIX + "/dashboard";
  private static final String WEBJARS = FleetApi.PREFIX + "/webjars/";
  private static final String HEALTH = FleetApi.PREFIX + "/health";

  /** What to answer with. */
  sealed interface Route permits Refused, Redirect, Asset, Api {
  }

  /** A refusal or an error, answered at once. */
  record Refused(int status, String error, String detail, Map<String, String> headers) implements Route {
    Refused(Refusal refusal) {
      this(refusal.status(), refusal.error(), refusal.detail(),
          refusal.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
    }
  }

  /** A permanent redirect. */
  record Redirect(String location) implements Route {
  }

  /** A dashboard file. */
  record Asset(SharedAsset asset) implements Route {
  }

  /** An API call, to run off the event loop with the caller's role. */
  record Api(Role role) implements Route {
  }

  private final SharedAssets assets;
  private final HttpAccess access;

  HttpRouter(SharedAssets assets, HttpAccess access) {
    this.assets = assets;
    this.access = access;
  }

  Route route(ApiRequest request) {
    Optional<Refusal> host = access.checkHost(request);
    if (host.isPresent()) {
      return new Refused(host.get());
    }
    String path = request.path();
    if (isAsset(path)) {
      return asset(request.method(), path);
    }
    try {
      return new Api(access.role(request));
    } catch (RefusedException e) {
      // health tells probes whether the stack is up, and nothing else: open to every caller
      return path.equals(HEALTH) ? new Api(Role.viewer) : new Refused(e.refusal());
    }
  }

  /** True when the request is for the page or an asset, which need no store access. */
  private static boolean isAsset(String path) {
    return !path.startsWith(FleetApi.PREFIX + "/") || path.equals(DASHBOARD) || path.startsWith(DASHBOARD + "/")
        || path.startsWith(WEBJARS);
  }

  private Route asset(String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new Refused(405, "method_not_allowed", method + " is not allowed on " + RequestText.clip(path),
          Map.of("Allow", "GET, HEAD"));
    }
    if (path.equals(DASHBOARD)) {
      // as on Azure: the page's own folder is /api/dashboard/
      return new Redirect(DASHBOARD + "/");
    }
    // the page sets its <base> to the root it was served under: "/" here, "/api/" as on Azure
    String relative = path.startsWith(FleetApi.PREFIX + "/") ? path.substring(FleetApi.PREFIX.length() + 1) : path.substring(1);
    return assets.find(relative).<Route>map(Asset::new)
        .orElseGet(() -> new Refused(404, "not_found", "no page or asset at " + RequestText.clip(path), Map.of()));
  }
}
