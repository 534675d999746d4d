package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import io.fleetwire.functions.access.ClientPrincipal;
import io.fleetwire.functions.access.Role;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one translation between the Functions HTTP types and the framework-free API: every
 * {@code @HttpTrigger} adapter hands its request and the route it matched (with the bound path
 * values filled in) to {@link #answer}, so routes, status codes and JSON stay those of
 * {@link FleetApi}, exactly as the local HTTP server serves them.
 */
public final class ApiBridge {
  private static final Logger LOG = LoggerFactory.getLogger(ApiBridge.class);
  private static final byte[] UNAVAILABLE = ("{\"error\":\"store_unavailable\","
      + "\"detail\":\"the store is unavailable; try again shortly\"}").getBytes(StandardCharsets.UTF_8);

  private final Supplier<FleetApi> api;

  /** @param api gives the API; it may throw while the worker cannot build its store (answered 503) */
  public ApiBridge(Supplier<FleetApi> api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** The bridge over this worker's runtime ({@link FunctionsRuntime}). */
  static ApiBridge runtime() {
    return new ApiBridge(FunctionsRuntime::api);
  }

  /**
   * Answers a request through the API.
   *
   * @param route the matched route below the prefix with its path values, e.g. {@code devices/356307042441013}
   */
  public HttpResponseMessage answer(HttpRequestMessage<Optional<String>> request, String route) {
    ApiRequest apiRequest = toApiRequest(request, route);
    FleetApi fleetApi;
    try {
      fleetApi = api.get();
    } catch (RuntimeException e) {
      LOG.error("cannot build the API for {} {}", apiRequest.method(), apiRequest.path(), e);
      return toResponse(request, new ApiResponse(503, ApiResponse.JSON, UNAVAILABLE, Map.of()));
    }
    Role role = ClientPrincipal.callerRole(apiRequest.header(ClientPrincipal.HEADER).orElse(null),
        ClientPrincipal.authenticationEnabled());
    return toResponse(request, fleetApi.handle(apiRequest, role));
  }

  static ApiRequest toApiRequest(HttpRequestMessage<Optional<String>> request, String route) {
    Optional<String> body = request.getBody();
    return new ApiRequest(request.getHttpMethod().name(), FleetApi.PREFIX + "/" + route,
        request.getQueryParameters(), body == null ? "" : body.orElse(""), request.getHeaders());
  }

  static HttpResponseMessage toResponse(HttpRequestMessage<?> request, ApiResponse response) {
    HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(response.status()));
    if (response.contentType() != null) {
      builder.header("Content-Type", response.contentType());
    }
    response.headers().forEach(builder::header);
    if (response.body().length > 0) {
      builder.body(response.body());
    }
    return builder.build();
  }
}
