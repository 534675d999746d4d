package io.fleetwire.azure.cosmos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.RejectedMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON documents of the three Cosmos containers, all partitioned by {@code /imei}.
 *
 * <ul>
 *   <li>{@code telemetry}: the {@link Record} JSON (its {@code id} is the deterministic record id)
 *       plus {@code tsKey}, and {@code ttl} in seconds when a retention is configured.</li>
 *   <li>{@code devices}: {@code id} = {@code imei}, {@code name}, {@code registered},
 *       {@code lastSeen}, {@code lastTs} (both time keys, {@code ""} while unknown) and
 *       {@code last}, the newest record.</li>
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

  /** A device first seen through its data: not registered. */
  static ObjectNode seenDevice(String imei, Record newest, Instant seen) {
    ObjectNode doc = device(imei, null, false);
    doc.put("lastSeen", timeKey(seen));
    doc.put("lastTs", timeKey(newest.ts()));
    doc.set("last", recordNode(newest));
    return doc;
  }

  static ObjectNode device(String imei, String name, boolean registered) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", imei);
    doc.put("imei", imei);
    if (name != null) {
      doc.put("name", name);
    }
    doc.put("registered", registered);
    doc.put("lastSeen", UNKNOWN_TIME);
    doc.put("lastTs", UNKNOWN_TIME);
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
