package io.fleetwire.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The local stack's HTTP API seen from outside, over a real socket: what the dashboard calls. */
final class StackClient {
  /** Records of the tests are from about now; the API's window may span at most 31 days. */
  private static final Duration WINDOW_BACK = Duration.ofDays(2);
  private static final Duration WINDOW_AHEAD = Duration.ofDays(1);
  private static final int PAGE = 500;
  private static final int MAX_PAGES = 1_000;

  record Reply(int status, String contentType, JsonNode body) {
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  StackClient(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  StackClient(int port) {
    this(port, null);
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Every stored position of {@code imei}, following {@code next} until it is null. */
  List<Record> allPositions(String imei) {
    List<Record> records = new ArrayList<>();
    Instant now = Instant.now();
    String window = "&from=" + now.minus(WINDOW_BACK) + "&to=" + now.plus(WINDOW_AHEAD);
    String next = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      String path = "/api/devices/" + imei + "/positions?limit=" + PAGE + window
          + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      Reply reply = get(path);
      if (reply.status() != 200) {
        throw new AssertionError("GET " + path + " answered " + reply.status() + " " + reply.body());
      }
      for (JsonNode item : reply.body().get("items")) {
        records.add(toRecord(item));
      }
      JsonNode token = reply.body().get("next");
      if (token == null || token.isNull()) {
        return records;
      }
      next = token.asText();
    }
    throw new AssertionError("positions of " + imei + " did not end within " + MAX_PAGES + " pages");
  }

  static Record toRecord(JsonNode json) {
    try {
      return Json.mapper().treeToValue(json, Record.class);
    } catch (IOException e) {
      throw new AssertionError("not a Record: " + json, e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = type.startsWith("application/json") ? Json.mapper().readTree(response.body()) : null;
      return new Reply(response.statusCode(), type, body);
    } catch (IOException e) {
      throw new AssertionError("HTTP call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
