package io.fleetwire.functions.api;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.functions.alert.AlertEvaluator;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.access.Refusal;
import io.fleetwire.functions.access.Role;
import io.fleetwire.functions.access.RoutePrivilege;
import io.fleetwire.functions.access.StateChangeCheck;
import io.fleetwire.functions.report.FleetDayRows;
import io.fleetwire.functions.report.TrackReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The dashboard's HTTP API (DESIGN "HTTP API") as a plain class: one request in, one response
 * out. The local HTTP server and the Azure Functions adapters only translate to and from
 * {@link ApiRequest}/{@link ApiResponse}. Every failure is a JSON {@code {"error","detail"}} body;
 * no stack trace ever leaves. Holds no per-request state: one instance serves all threads.
 */
public final class FleetApi {
  public static final String PREFIX = "/api";
  /** Largest request body accepted; adapters may stop reading a body beyond it. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final Duration DEFAULT_ONLINE_WINDOW = Duration.ofMinutes(15);
  private static final Logger LOG = LoggerFactory.getLogger(FleetApi.class);

  private final BooleanSupplier ready;
  private final Clock clock;
  private final RequestParams params;
  private final DeviceRoutes devices;
  private final TrackRoutes tracks;
  private final DailyReports daily;
  private final CommandRoutes commands;
  private final AlertRoutes alerts;
  private final FleetRoutes fleet;

  public FleetApi(TelemetryStore store, BooleanSupplier ready, Clock clock) {
    this(store, ready, clock, DEFAULT_ONLINE_WINDOW);
  }

  /** An API without device commands: their routes answer 404. */
  public FleetApi(TelemetryStore store, BooleanSupplier ready, Clock clock, Duration onlineWindow) {
    this(store, null, CommandDispatcher.none(), ready, clock, onlineWindow);
  }

  /**
   * @param commands     where device commands are kept, {@code null} for an API without them
   * @param dispatcher   told about every new command, so the front holding the device sends it
   * @param ready        true when the service can serve (drives {@code GET /api/health})
   * @param onlineWindow a device is online when data arrived within this window
   */
  public FleetApi(TelemetryStore store, CommandStore commands, CommandDispatcher dispatcher, BooleanSupplier ready,
      Clock clock, Duration onlineWindow) {
    this(store, commands, dispatcher, null, null, null, ready, clock, onlineWindow);
  }

  /** An API whose daily report is served from {@code fleetDays} where computed, without alerts. */
  public FleetApi(TelemetryStore store, CommandStore commands, CommandDispatcher dispatcher, FleetDayStore fleetDays,
      BooleanSupplier ready, Clock clock, Duration onlineWindow) {
    this(store, commands, dispatcher, fleetDays, null, null, ready, clock, onlineWindow);
  }

  /**
   * @param fleetDays daily fleet reports computed ahead of time and served for the days they
   *     complete; {@code null} to compute every day's report on demand
   * @param alerts    where alert rules and alerts are kept, {@code null} for an API without them
   * @param evaluator the ingest side's evaluator, told when a rule changes so it applies at once
   */
  public FleetApi(TelemetryStore store, CommandStore commands, CommandDispatcher dispatcher, FleetDayStore fleetDays,
      AlertStore alerts, AlertEvaluator evaluator, BooleanSupplier ready, Clock clock, Duration onlineWindow) {
    Objects.requireNonNull(store, "store");
    this.ready = Objects.requireNonNull(ready, "ready");
    this.clock = Objects.requireNonNull(clock, "clock");
    IoDictionary dictionary = IoDictionary.fmb();
    this.params = new RequestParams(clock);
    TrackReports reports = new TrackReports(store, dictionary, alerts);
    this.daily = new DailyReports(new FleetDayRows(reports, FleetDayRows.DEFAULT_PARALLELISM), fleetDays, params,
        clock);
    this.devices = new DeviceRoutes(store, clock, Objects.requireNonNull(onlineWindow, "onlineWindow"));
    this.fleet = new FleetRoutes(store, alerts, clock, onlineWindow);
    this.tracks = new TrackRoutes(store, params, new StoredReports(reports), dictionary);
    this.commands = commands == null ? null
        : new CommandRoutes(commands, Objects.requireNonNull(dispatcher, "dispatcher"), clock);
    this.alerts = alerts == null ? null
        : new AlertRoutes(alerts, evaluator == null ? new AlertEvaluator(alerts, clock) : evaluator, params);
  }

  /** Answers one request of an administrator (a runtime without roles); never throws. */
  public ApiResponse handle(ApiRequest request) {
    return handle(request, Role.admin);
  }

  /**
   * Answers one request of a caller holding {@code role}; a route above the role is a 403. Never
   * throws. {@code GET /api/me} tells the caller its role, so the dashboard can hide what it may not do.
   */
  public ApiResponse handle(ApiRequest request, Role role) {
    try {
      Role needed = RoutePrivilege.required(request.method(), request.path());
      if (!role.includes(needed)) {
        throw new ApiException(403, "forbidden", request.method() + " " + RequestParams.quoted(request.path())
            + " needs the " + needed + " role; this caller is a " + role);
      }
      checkBodySize(request);
      if (request.path().equals(PREFIX + "/me")) {
        allow(request, "GET");
        return ApiResponse.json(200, Map.of("role", role.name()));
      }
      return route(request);
    } catch (ApiException e) {
      return e.response();
    } catch (StoreUnavailableException e) {
      LOG.warn("store unavailable for {} {}: {}", request.method(), request.path(), e.getMessage());
      return new ApiException(503, "store_unavailable", "the store is unavailable; try again shortly").response();
    } catch (RuntimeException e) {
      LOG.error("unexpected failure answering {} {}", request.method(), request.path(), e);
      return new ApiException(500, "internal_error", "the server failed to answer this request").response();
    }
  }

  private ApiResponse route(ApiRequest request) {
    List<String> segments = segments(request.path());
    String method = request.method();
    switch (segments.size()) {
      case 1 -> {
        if (segments.get(0).equals("health")) {
          allow(request, "GET");
          return health();
        }
        if (segments.get(0).equals("devices")) {
          allow(request, "GET", "POST");
          return method.equals("GET") ? devices.list(request) : devices.register(request);
        }
        if (alerts != null && segments.get(0).equals("rules")) {
          allow(request, "GET", "POST");
          return method.equals("GET") ? alerts.rules() : alerts.create(request);
        }
        if (alerts != null && segments.get(0).equals("alerts")) {
          allow(request, "GET");
          return alerts.alerts(request);
        }
      }
      case 2 -> {
        if (segments.get(0).equals("devices")) {
          allow(request, "GET", "DELETE");
          String imei = RequestParams.imei(segments.get(1));
          return method.equals("GET") ? devices.show(imei) : devices.remove(imei);
        }
        if (alerts != null && segments.get(0).equals("rules")) {
          allow(request, "GET", "DELETE");
          return method.equals("GET") ? alerts.show(segments.get(1)) : alerts.delete(segments.get(1));
        }
        if (segments.equals(List.of("fleet", "summary"))) {
          allow(request, "GET");
          return fleet.summary();
        }
        if (segments.equals(List.of("fleet", "map"))) {
          allow(request, "GET");
          return fleet.map(request);
        }
        if (segments.equals(List.of("reports", "daily"))) {
          allow(request, "GET");
          return daily.daily(request);
        }
      }
      case 3 -> {
        if (segments.get(0).equals("devices") && isTrackView(segments.get(2))) {
          allow(request, "GET");
          String imei = RequestParams.imei(segments.get(1));
          devices.known(imei);
          return switch (segments.get(2)) {
            case "positions" -> tracks.positions(imei, request);
            case "events" -> tracks.events(imei, request);
            case "messages" -> tracks.messages(imei, request);
            default -> tracks.report(imei, request);
          };
        }
        if (commands != null && segments.get(0).equals("devices") && segments.get(2).equals("commands")) {
          allow(request, "GET", "POST");
          String imei = RequestParams.imei(segments.get(1));
          devices.known(imei);
          return method.equals("GET") ? commands.list(imei, request) : commands.queue(imei, request);
        }
      }
      case 4 -> {
        if (commands != null && segments.get(0).equals("devices") && segments.get(2).equals("commands")) {
          allow(request, "GET");
          String imei = RequestParams.imei(segments.get(1));
          devices.known(imei);
          return commands.show(imei, segments.get(3));
        }
      }
      default -> {
        // no route has another number of segments
      }
    }
    throw new ApiException(404, "not_found", "no route " + method + " " + RequestParams.quoted(request.path()));
  }

  private ApiResponse health() {
    boolean up = ready.getAsBoolean();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("time", clock.instant());
    return ApiResponse.json(up ? 200 : 503, body);
  }

  private static boolean isTrackView(String segment) {
    return segment.equals("positions") || segment.equals("events") || segment.equals("report")
        || segment.equals("messages");
  }

  /** The method must be one the route has; a state-changing one must also pass {@link StateChangeCheck}. */
  private static void allow(ApiRequest request, String... allowed) {
    String method = request.method();
    if (!Arrays.asList(allowed).contains(method)) {
      String list = String.join(", ", allowed);
      throw new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + list,
          Map.of("Allow", list));
    }
    Optional<Refusal> refusal = StateChangeCheck.check(method, !request.body().isEmpty(),
        name -> request.header(name).orElse(null));
    if (refusal.isPresent()) {
      throw new ApiException(refusal.get().status(), refusal.get().error(), refusal.get().detail());
    }
  }

  private static void checkBodySize(ApiRequest request) {
    long declared = request.header("Content-Length").map(FleetApi::parseLength).orElse(0L);
    if (declared > MAX_BODY_BYTES || request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      throw new ApiException(413, "body_too_large", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
    }
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0L;
    }
  }

  /** The path below {@code /api} split at '/', ignoring a trailing '/'; a path outside it has none. */
  private static List<String> segments(String path) {
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return List.of();
    }
    String rest = path.substring(PREFIX.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.isEmpty()) {
      return List.of();
    }
    return List.of(rest.substring(1).split("/", -1));
  }
}
