package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The device registry routes: list, show, register, remove. */
final class DeviceRoutes {
  static final int MAX_NAME_LENGTH = 100;

  private final TelemetryStore store;
  private final Clock clock;
  private final Duration onlineWindow;

  DeviceRoutes(TelemetryStore store, Clock clock, Duration onlineWindow) {
    this.store = store;
    this.clock = clock;
    this.onlineWindow = onlineWindow;
  }

  @JsonPropertyOrder({"items", "next"})
  record DevicePage(List<DeviceView> items, String next) {
  }

  /**
   * {@code GET /api/devices?limit&next&q&changedSince}: a page of devices by IMEI, or with
   * {@code changedSince} those changed after it in the order they changed; {@code q} keeps those
   * whose IMEI starts with it or whose name contains it.
   */
  ApiResponse list(ApiRequest request) {
    int limit = RequestParams.limit(request);
    DeviceQuery query = query(request);
    Page<DeviceState> page = ContinuationToken.page("devices", request.param("next").orElse(null),
        continuation -> store.devices(query, limit, continuation));
    Instant now = clock.instant();
    return ApiResponse.json(200, new DevicePage(page.items().stream().map(d -> DeviceView.of(d, now, onlineWindow))
        .toList(), page.next()));
  }

  private static DeviceQuery query(ApiRequest request) {
    Instant changedSince = request.param("changedSince").map(v -> RequestParams.instant("changedSince", v))
        .orElse(null);
    try {
      return new DeviceQuery(request.param("q").orElse(null), changedSince);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad_query", "'q': " + e.getMessage());
    }
  }

  /** {@code GET /api/devices/{imei}}. */
  ApiResponse show(String imei) {
    return ApiResponse.json(200, DeviceView.of(known(imei), clock.instant(), onlineWindow));
  }

  /** {@code POST /api/devices} with {@code {"imei","name"}}; 409 when already registered. */
  ApiResponse register(ApiRequest request) {
    JsonNode body = readObject(request.body());
    JsonNode imeiNode = body.get("imei");
    if (imeiNode == null || !imeiNode.isTextual()) {
      throw ApiException.badRequest("bad_body", "the body needs \"imei\" as a string of 15 digits");
    }
    String imei = RequestParams.imei(imeiNode.asText());
    String name = name(body.get("name"));
    if (store.isRegistered(imei)) {
      throw new ApiException(409, "already_registered", "device " + imei + " is already registered");
    }
    DeviceState state = store.register(imei, name);
    return ApiResponse.json(201, DeviceView.of(state, clock.instant(), onlineWindow));
  }

  /** {@code DELETE /api/devices/{imei}}; 404 when it was not registered. */
  ApiResponse remove(String imei) {
    if (!store.remove(imei)) {
      throw new ApiException(404, "unknown_device", "device " + imei + " is not registered");
    }
    return ApiResponse.noContent();
  }

  /** The device's state, or a 404 when the store has never heard of it. */
  DeviceState known(String imei) {
    return store.device(imei).orElseThrow(() ->
        new ApiException(404, "unknown_device", "no device with IMEI " + imei));
  }

  private static JsonNode readObject(String body) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("bad_body", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("bad_body", "the body must be a JSON object {\"imei\":\"...\",\"name\":\"...\"}");
    }
    return node;
  }

  private static String name(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest("bad_body", "\"name\" must be a string");
    }
    String name = node.asText().strip();
    if (name.length() > MAX_NAME_LENGTH) {
      throw ApiException.badRequest("bad_body", "\"name\" is longer than " + MAX_NAME_LENGTH + " characters");
    }
    return name.isEmpty() ? null : name;
  }
}
