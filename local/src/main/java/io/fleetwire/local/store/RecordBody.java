package io.fleetwire.local.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A record's {@code body} column: the JSON of what the columns do not already hold. The id, IMEI
 * and time live in their columns and are not repeated; the named sensors are written only when
 * they differ from what the IO dictionary derives from the raw IO (ingest derives them the same
 * way, so normally they are left out and rebuilt on read). For the simulator's records that is
 * 255 bytes on average against 583 for the whole record JSON: less to serialise and to write.
 *
 * <p>Bodies of schema version 1 (the full record JSON) read the same way: their own id, IMEI,
 * time and sensors are used. Bodies written before {@code valid} existed have none: a record with
 * coordinates reads as not judged, one without (ingest then removed no-fix coordinates) as not valid.
 * Sensors keep their types: booleans, integers, decimals and strings.
 */
final class RecordBody {
  private static final JsonFactory JSON = Json.mapper().getFactory();

  private final IoDictionary dictionary;

  RecordBody(IoDictionary dictionary) {
    this.dictionary = dictionary;
  }

  String write(Record record) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      if (record.ts().getNano() % 1_000_000 != 0) {
        json.writeStringField("ts", record.ts().toString());
      }
      if (record.receivedAt() != null) {
        json.writeStringField("receivedAt", record.receivedAt().toString());
      }
      writeNullable(json, "lat", record.lat());
      writeNullable(json, "lon", record.lon());
      if (record.valid() != null) {
        json.writeBooleanField("valid", record.valid());
      }
      json.writeNumberField("alt", record.alt());
      json.writeNumberField("angle", record.angle());
      json.writeNumberField("speed", record.speed());
      json.writeNumberField("sats", record.sats());
      json.writeNumberField("priority", record.priority());
      json.writeNumberField("event", record.event());
      if (record.generationType() != null) {
        json.writeNumberField("generationType", record.generationType());
      }
      json.writeObjectFieldStart("io");
      for (Map.Entry<Integer, Long> io : record.io().entrySet()) {
        json.writeNumberField(io.getKey().toString(), io.getValue());
      }
      json.writeEndObject();
      if (!record.ioHex().isEmpty()) {
        json.writeObjectFieldStart("ioHex");
        for (Map.Entry<Integer, String> io : record.ioHex().entrySet()) {
          json.writeStringField(io.getKey().toString(), io.getValue());
        }
        json.writeEndObject();
      }
      if (!record.sensors().equals(dictionary.sensors(record.io()))) {
        json.writeObjectFieldStart("sensors");
        for (Map.Entry<String, Object> sensor : record.sensors().entrySet()) {
          writeSensor(json, sensor.getKey(), sensor.getValue());
        }
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("record " + record.id() + " cannot be written as JSON", e);
    }
    return text.toString();
  }

  Record read(String id, String imei, long tsMillis, String body) {
    JsonNode json;
    try {
      json = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("stored record " + id + " is not readable JSON: " + e.getMessage(), e);
    }
    Instant ts = json.has("ts") ? Instant.parse(json.get("ts").asText()) : Instant.ofEpochMilli(tsMillis);
    SortedMap<Integer, Long> io = new TreeMap<>();
    fields(json.get("io")).forEachRemaining(e -> io.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
    SortedMap<Integer, String> ioHex = new TreeMap<>();
    fields(json.get("ioHex")).forEachRemaining(e -> ioHex.put(Integer.valueOf(e.getKey()), e.getValue().asText()));
    SortedMap<String, Object> sensors;
    if (json.has("sensors")) {
      sensors = new TreeMap<>();
      fields(json.get("sensors")).forEachRemaining(e -> sensors.put(e.getKey(), sensor(e.getValue())));
    } else {
      sensors = dictionary.sensors(io);
    }
    JsonNode generation = json.get("generationType");
    JsonNode valid = json.get("valid");
    return new Record(id, imei, ts, instant(json.get("receivedAt")), number(json.get("lat")), number(json.get("lon")),
        valid == null || valid.isNull() ? null : valid.asBoolean(), json.path("alt").asInt(), json.path("angle").asInt(), json.path("speed").asInt(), json.path("sats").asInt(),
        json.path("priority").asInt(), json.path("event").asInt(),
        generation == null || generation.isNull() ? null : generation.asInt(), io, ioHex, sensors);
  }

  private static void writeSensor(JsonGenerator json, String name, Object value) throws IOException {
    if (value instanceof Boolean on) {
      json.writeBooleanField(name, on);
    } else if (value instanceof Long number) {
      json.writeNumberField(name, number);
    } else if (value instanceof Double number) {
      json.writeNumberField(name, number);
    } else {
      json.writeStringField(name, String.valueOf(value));
    }
  }

  private static Object sensor(JsonNode node) {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  private static void writeNullable(JsonGenerator json, String name, Double value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node == null ? Collections.emptyIterator() : node.fields();
  }

  private static Double number(JsonNode node) {
    return node == null || node.isNull() ? null : node.asDouble();
  }

  private static Instant instant(JsonNode node) {
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }
}
