package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP API read the way a test needs it, with the JDK's client: what the dashboard shows is
 * compared with what these calls return. Any status but the expected one fails the test.
 */
public final class FleetApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_PAGES = 100;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String root;
  private final String token;

  /** {@code root} like {@code http://127.0.0.1:7071}; {@code token} null for an open API. */
  public FleetApiClient(String root, String token) {
    this.root = root;
    this.token = token;
  }

  /** {@code GET /api/devices}: every device, following {@code next} to the last page. */
  public List<JsonNode> devices() {
    return all("/api/devices", "");
  }

  /** {@code GET /api/fleet/summary}: devices, online, offline, moving, openAlerts. */
  public JsonNode summary() {
    return getJson("/api/fleet/summary");
  }

  public void register(String imei, String name) {
    String body = JSON.createObjectNode().put("imei", imei).put("name", name).toString();
    HttpResponse<String> response = send(request("/api/devices")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    expect(201, response);
  }

  /** {@code POST /api/rules} with the rule's JSON; the created rule. */
  public JsonNode createRule(String json) {
    HttpResponse<String> response = send(request("/api/rules")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    expect(201, response);
    return read(response.body());
  }

  public List<JsonNode> rules() {
    return items(getJson("/api/rules"));
  }

  public List<JsonNode> openAlerts() {
    return items(getJson("/api/alerts?state=open"));
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every position in {@code [from, to)}, following {@code next} to the last page. */
  public List<JsonNode> positions(String imei, Instant from, Instant to) {
    return all("/api/devices/" + imei + "/positions", "from=" + from + "&to=" + to);
  }

  /** The items of every page of a paged route, following {@code next} to the last page. */
  private List<JsonNode> all(String path, String query) {
    List<JsonNode> all = new ArrayList<>();
    String next = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String params = query + (next == null ? "" : (query.isEmpty() ? "" : "&") + "next=" + encode(next));
      JsonNode body = getJson(path + (params.isEmpty() ? "" : "?" + params));
      all.addAll(items(body));
      if (!body.hasNonNull("next")) {
        return all;
      }
      next = body.get("next").asText();
    }
    throw new IllegalStateException(path + " did not end within " + MAX_PAGES + " pages");
  }

  /** Every alarm event in {@code [from, to)}, following {@code next} to the last page. */
  public List<JsonNode> events(String imei, Instant from, Instant to) {
    return all("/api/devices/" + imei + "/events", "from=" + from + "&to=" + to);
  }

  /** {@code GET /api/devices/{imei}/messages} over the last 24 hours: the items. */
  public List<JsonNode> messages(String imei) {
    return items(getJson("/api/devices/" + imei + "/messages"));
  }

  public JsonNode report(String imei, Instant from, Instant to) {
    return getJson("/api/devices/" + imei + "/report?from=" + from + "&to=" + to);
  }

  /** {@code GET /api/reports/daily?date=...&format=csv}: the body as text. */
  public String dailyCsv(LocalDate date) {
    HttpResponse<String> response = send(request("/api/reports/daily?date=" + date + "&format=csv").GET().build());
    expect(200, response);
    return response.body();
  }

  private JsonNode getJson(String pathAndQuery) {
    HttpResponse<String> response = send(request(pathAndQuery).GET().build());
    expect(200, response);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(pathAndQuery + " answered with a body that is not JSON", e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + pathAndQuery)).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + request.uri(), e);
    }
  }

  private static void expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().method() + " " + response.request().uri()
          + " answered " + response.statusCode() + " (expected " + status + "): " + response.body());
    }
  }

  private static List<JsonNode> items(JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return items;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
