package io.fleetwire.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device command routes: queue a Codec 12/14 command, read one, list recent ones. A queued
 * command is stored first, then the fronts are told; delivery and the answer happen in the front.
 */
final class CommandRoutes {
  /** Teltonika commands are short ASCII lines (SMS/GPRS command set); longer text is a mistake. */
  static final int MAX_TEXT_LENGTH = 512;
  static final long DEFAULT_TTL_SECONDS = Duration.ofHours(1).toSeconds();
  static final long MAX_TTL_SECONDS = Duration.ofDays(7).toSeconds();
  static final int DEFAULT_LIST_LIMIT = 20;
  private static final Logger LOG = LoggerFactory.getLogger(CommandRoutes.class);

  private final CommandStore store;
  private final CommandDispatcher dispatcher;
  private final Clock clock;

  CommandRoutes(CommandStore store, CommandDispatcher dispatcher, Clock clock) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** {@code POST /api/devices/{imei}/commands} with {@code {"text","codec","ttlSeconds"}}: 202. */
  ApiResponse queue(String imei, ApiRequest request) {
    JsonNode body = readObject(request.body());
    String text = text(body.get("text"));
    int codec = codec(body.get("codec"));
    long ttl = ttlSeconds(body.get("ttlSeconds"));
    DeviceCommand command = DeviceCommand.queue(imei, text, codec, Duration.ofSeconds(ttl), clock.instant());
    store.create(command);
    try {
      dispatcher.commandQueued(imei, command.id());
    } catch (RuntimeException e) {
      // Stored is enough: the front holding the device finds it after the device's next data frame.
      LOG.warn("imei={} command {} stored but the fronts were not notified: {}", imei, command.id(), e.toString());
    }
    return ApiResponse.json(202, command,
        Map.of("Location", FleetApi.PREFIX + "/devices/" + imei + "/commands/" + command.id()));
  }

  /** {@code GET /api/devices/{imei}/commands/{id}}. */
  ApiResponse show(String imei, String id) {
    return ApiResponse.json(200, store.get(imei, id).orElseThrow(() ->
        new ApiException(404, "unknown_command", "device " + imei + " has no command " + RequestParams.quoted(id))));
  }

  /** {@code GET /api/devices/{imei}/commands?limit}: newest first. */
  ApiResponse list(String imei, ApiRequest request) {
    int limit = listLimit(request);
    List<DeviceCommand> items = store.recent(imei, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("imei", imei);
    body.put("items", items);
    return ApiResponse.json(200, body);
  }

  private static int listLimit(ApiRequest request) {
    String value = request.param("limit").orElse(null);
    if (value == null) {
      return DEFAULT_LIST_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= CommandStore.MAX_RECENT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("bad_limit",
        "'limit' must be a whole number 1.." + CommandStore.MAX_RECENT + ", got " + RequestParams.quoted(value));
  }

  private static String text(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw ApiException.badRequest("bad_command", "the body needs \"text\": the command, e.g. \"getinfo\"");
    }
    String text = node.asText();
    if (text.length() > MAX_TEXT_LENGTH) {
      throw ApiException.badRequest("bad_command",
          "\"text\" is " + text.length() + " characters; a device command has at most " + MAX_TEXT_LENGTH);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw ApiException.badRequest("bad_command", String.format(
            "\"text\" must be printable ASCII; character %d is U+%04X", i + 1, (int) c));
      }
    }
    return text;
  }

  private static int codec(JsonNode node) {
    if (node == null || node.isNull()) {
      return DeviceCommand.CODEC_12;
    }
    if (!node.isInt() || (node.asInt() != DeviceCommand.CODEC_12 && node.asInt() != DeviceCommand.CODEC_14)) {
      throw ApiException.badRequest("bad_codec", "\"codec\" must be 12 or 14, got " + node);
    }
    return node.asInt();
  }

  private static long ttlSeconds(JsonNode node) {
    if (node == null || node.isNull()) {
      return DEFAULT_TTL_SECONDS;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_TTL_SECONDS) {
      throw ApiException.badRequest("bad_ttl",
          "\"ttlSeconds\" must be a whole number 1.." + MAX_TTL_SECONDS + ", got " + node);
    }
    return node.asLong();
  }

  private static JsonNode readObject(String body) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("bad_body", "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("bad_body",
          "the body must be a JSON object {\"text\":\"getinfo\",\"codec\":12,\"ttlSeconds\":3600}");
    }
    return node;
  }
}
