package io.fleetwire.azure.cosmos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.RejectedMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON documents of the three Cosmos containers, all partitioned by {@code /imei}.
 *
 * <ul>
 *   <li>{@code telemetry}: the {@link Record} JSON (its {@code id} is the deterministic record id)
 *       plus {@code tsKey}, and {@code ttl} in seconds when a retention is configured.</li>
 *   <li>{@code devices}: {@code id} = {@code imei}, {@code name}, {@code registered},
 *       {@code lastSeen}, {@code lastTs} (both time keys, {@code ""} while unknown), {@code last},
 *       the newest record, and what the fleet views query beside it: {@code qk}, the
 *       {@link Quadkey#of level-20 quadkey} of the last position, with {@code lat} and {@code lon}
 *       ({@code null}, or absent, while the device has no position: no record yet, or one at 0/0
 *       or without coordinates), {@code moving} (the last record's speed is above 0) and
 *       {@code changedAt} (time key of the store's clock when it last changed the document).</li>
 *   <li>{@code rejected}: {@code id}, {@code imei} (absent when unknown), {@code at} (time key),
 *       {@code reason}, {@code body}.</li>
 * </ul>
 *
 * <p>Time keys are {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} strings: Cosmos compares and sorts strings
 * lexicographically, which matches time order only if every value has the same width.
 * {@link Instant#toString()} drops zero fractions ({@code ...:00Z} sorts after {@code ...:00.5Z}),
 * so it is never used as a key. The key has millisecond precision, the precision of device time.
 * The empty string sorts before every key, so "newer than unknown" needs no special case.
 */
final class CosmosDocuments {
  static final String TS_KEY = "tsKey";
  static final String TTL = "ttl";
  static final String UNKNOWN_TIME = "";
  static final String CHANGED_AT = "changedAt";
  private static final DateTimeFormatter KEY_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private CosmosDocuments() {
  }

  static String timeKey(Instant instant) {
    return KEY_FORMAT.format(instant);
  }

  private static Instant fromTimeKey(JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : Instant.parse(node.asText());
  }

  /** A telemetry document; {@code ttl} null leaves expiry to the container's default. */
  static ObjectNode telemetry(Record record, Duration ttl) {
    ObjectNode doc = Json.mapper().valueToTree(record);
    doc.put(TS_KEY, timeKey(record.ts()));
    if (ttl != null) {
      doc.put(TTL, ttl.toSeconds());
    }
    return doc;
  }

  /**
   * Reads a record back; Cosmos' own fields ({@code _rid}, {@code _ts}...) and ours are ignored, and
   * the sensors get their dictionary types back (Cosmos answers 12.0 as 12).
   */
  static Record record(JsonNode doc) {
    try {
      Record record = Json.mapper().treeToValue(doc, Record.class);
      return record.withSensors(IoDictionary.fmb().retyped(record.sensors()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored telemetry document " + doc.path("id").asText()
          + " is not a record: " + e.getOriginalMessage(), e);
    }
  }

  static ObjectNode recordNode(Record record) {
    return Json.mapper().valueToTree(record);
  }

  /**
   * The fields the newest record of a device decides, by name, in the order written: a field whose
   * value is {@code null} is cleared (the device lost its position).
   */
  static Map<String, Object> lastRecordFields(Record newest) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last", recordNode(newest));
    fields.put("lastTs", timeKey(newest.ts()));
    fields.putAll(positionFields(newest));
    return fields;
  }

  /** Of {@link #lastRecordFields}, those only the fleet views read: position, its tile, moving. */
  static Map<String, Object> positionFields(Record newest) {
    Map<String, Object> fields = new LinkedHashMap<>();
    String qk = Quadkey.ofLast(newest);
    fields.put("qk", qk);
    fields.put("lat", qk == null ? null : newest.lat());
    fields.put("lon", qk == null ? null : newest.lon());
    fields.put("moving", newest.speed() > 0);
    return fields;
  }

  /** A device first seen through its data at {@code changedAt}: not registered. */
  static ObjectNode seenDevice(String imei, Record newest, Instant seen, Instant changedAt) {
    ObjectNode doc = device(imei, null, false, changedAt);
    doc.put("lastSeen", timeKey(seen));
    lastRecordFields(newest).forEach((field, value) -> {
      if (value != null) {
        doc.set(field, Json.mapper().valueToTree(value));
      }
    });
    return doc;
  }

  static ObjectNode device(String imei, String name, boolean registered, Instant changedAt) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", imei);
    doc.put("imei", imei);
    if (name != null) {
      doc.put("name", name);
    }
    doc.put("registered", registered);
    doc.put("lastSeen", UNKNOWN_TIME);
    doc.put("lastTs", UNKNOWN_TIME);
    doc.put("moving", false);
    doc.put(CHANGED_AT, timeKey(changedAt));
    return doc;
  }

  static DeviceState deviceState(JsonNode doc) {
    JsonNode last = doc.get("last");
    JsonNode name = doc.get("name");
    return new DeviceState(doc.path("imei").asText(), name == null || name.isNull() ? null : name.asText(),
        doc.path("registered").asBoolean(false), fromTimeKey(doc.get("lastSeen")),
        last == null || last.isNull() ? null : record(last));
  }

  static ObjectNode rejected(RejectedMessage message) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", message.id());
    if (message.imei() != null) {
      doc.put("imei", message.imei());
    }
    doc.put("at", timeKey(message.at()));
    doc.put("reason", message.reason());
    doc.put("body", message.body());
    return doc;
  }

  static RejectedMessage rejectedMessage(JsonNode doc) {
    JsonNode imei = doc.get("imei");
    return new RejectedMessage(doc.path("id").asText(), fromTimeKey(doc.get("at")),
        imei == null || imei.isNull() ? null : imei.asText(), doc.path("reason").asText(null),
        doc.path("body").asText(null));
  }
}
