package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the dashboard page from the classpath (at {@code /} like the local stack and at
 * {@code /api/dashboard} like Azure) and a fixture of the HTTP API from DESIGN.md, on loopback.
 * Positions are paged {@value #PAGE_SIZE} at a time so the page must follow {@code next}; the
 * server counts what it returned so tests can compare the page with the API.
 */
public final class FixtureApiServer implements AutoCloseable {

  /** What the API answers. */
  public enum Mode { FLEET, EMPTY, UNAVAILABLE }

  public static final int PAGE_SIZE = 25;
  public static final String UNAVAILABLE_ERROR = "store unavailable";
  public static final String UNAVAILABLE_DETAIL = "the telemetry store did not answer within 5 s";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final FleetFixture fleet;
  private final Map<String, List<JsonNode>> lastPositionQuery = new ConcurrentHashMap<>();
  private final AtomicInteger deviceListRequests = new AtomicInteger();
  private final AtomicInteger tileRequests = new AtomicInteger();
  private final byte[] tile = plainTile();
  private volatile Mode mode = Mode.FLEET;
  private volatile String requiredToken;

  private FixtureApiServer(HttpServer server, FleetFixture fleet) {
    this.server = server;
    this.fleet = fleet;
  }

  public static FixtureApiServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FixtureApiServer fixture = new FixtureApiServer(http, FleetFixture.load(Instant.now()));
      http.createContext("/", fixture::handle);
      http.setExecutor(fixture.executor);
      http.start();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fixture API server", e);
    }
  }

  /** An absolute URL on this server, e.g. {@code url("/?tiles=none")}. */
  public String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** From now on every API call needs {@code Authorization: Bearer <token>}. */
  public void requireToken(String token) {
    this.requiredToken = token;
  }

  public FleetFixture fleet() {
    return fleet;
  }

  /** Positions returned, over all its pages, by the latest positions query for this device. */
  public List<JsonNode> lastPositionsServed(String imei) {
    List<JsonNode> served = lastPositionQuery.get(imei);
    return served == null ? List.of() : List.copyOf(served);
  }

  public int deviceListRequests() {
    return deviceListRequests.get();
  }

  public int tileRequests() {
    return tileRequests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/tiles/")) {
        tileRequests.incrementAndGet();
        send(exchange, 200, "image/png", tile);
      } else if (path.equals("/api/dashboard") || path.startsWith("/api/dashboard/") || path.startsWith("/api/webjars/")) {
        serveAsset(exchange, path.substring("/api/".length()));
      } else if (path.startsWith("/api/")) {
        serveApi(exchange, path.substring("/api/".length()), query(exchange));
      } else {
        serveAsset(exchange, path.substring(1));
      }
    }
  }

  private void serveAsset(HttpExchange exchange, String relativePath) throws IOException {
    var asset = DashboardAssets.find(relativePath);
    if (asset.isPresent()) {
      send(exchange, 200, asset.get().contentType(), asset.get().body());
    } else {
      sendError(exchange, 404, "not found", relativePath);
    }
  }

  private void serveApi(HttpExchange exchange, String route, Map<String, String> query) throws IOException {
    if (requiredToken != null
        && !("Bearer " + requiredToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      sendError(exchange, 401, "unauthorized", "a bearer token is required");
      return;
    }
    if (mode == Mode.UNAVAILABLE) {
      sendError(exchange, 503, UNAVAILABLE_ERROR, UNAVAILABLE_DETAIL);
      return;
    }
    if (route.equals("devices")) {
      deviceListRequests.incrementAndGet();
      sendJson(exchange, mode == Mode.EMPTY ? JSON.createObjectNode().set("items", JSON.createArrayNode())
          : fleet.devicesBody());
    } else if (route.equals("reports/daily")) {
      send(exchange, 200, "text/csv; charset=utf-8", fleet.dailyCsv().getBytes(StandardCharsets.UTF_8));
    } else if (route.startsWith("devices/")) {
      serveDevice(exchange, route.substring("devices/".length()).split("/"), query);
    } else {
      sendError(exchange, 404, "not found", "no API route " + route);
    }
  }

  private void serveDevice(HttpExchange exchange, String[] parts, Map<String, String> query) throws IOException {
    String imei = parts[0];
    if (mode == Mode.EMPTY || !fleet.knows(imei) || parts.length != 2) {
      sendError(exchange, 404, "unknown device", "no device with IMEI " + imei);
      return;
    }
    Instant to = query.containsKey("to") ? Instant.parse(query.get("to")) : Instant.now();
    Instant from = query.containsKey("from") ? Instant.parse(query.get("from")) : to.minus(Duration.ofDays(1));
    switch (parts[1]) {
      case "positions" -> servePositions(exchange, imei, from, to, query);
      case "events" -> sendJson(exchange, body(imei, fleet.events(imei, from, to)));
      case "report" -> sendJson(exchange, fleet.report(imei, from, to));
      case "commands" -> sendJson(exchange, body(imei, List.of()));
      default -> sendError(exchange, 404, "not found", "no device route " + parts[1]);
    }
  }

  private void servePositions(HttpExchange exchange, String imei, Instant from, Instant to,
      Map<String, String> query) throws IOException {
    List<JsonNode> all = fleet.positions(imei, from, to);
    int offset = query.containsKey("next") ? Integer.parseInt(query.get("next")) : 0;
    int limit = Math.min(PAGE_SIZE, Integer.parseInt(query.getOrDefault("limit", "1000")));
    List<JsonNode> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
    lastPositionQuery.compute(imei, (key, served) -> {
      List<JsonNode> total = offset == 0 || served == null ? new ArrayList<>() : served;
      total.addAll(page);
      return total;
    });
    ObjectNode body = body(imei, page);
    if (offset + limit < all.size()) {
      body.put("next", String.valueOf(offset + limit));
    } else {
      body.putNull("next");
    }
    sendJson(exchange, body);
  }

  private static ObjectNode body(String imei, List<JsonNode> items) {
    ObjectNode body = JSON.createObjectNode().put("imei", imei);
    body.putArray("items").addAll(items);
    return body;
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void sendJson(HttpExchange exchange, JsonNode body) throws IOException {
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void sendError(HttpExchange exchange, int status, String error, String detail) throws IOException {
    send(exchange, status, "application/json",
        JSON.writeValueAsBytes(JSON.createObjectNode().put("error", error).put("detail", detail)));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  /** A pale map tile: enough to prove the page adds a reachable tile layer. */
  private static byte[] plainTile() {
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(new Color(0xF2EFE9));
    graphics.fillRect(0, 0, 256, 256);
    graphics.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
