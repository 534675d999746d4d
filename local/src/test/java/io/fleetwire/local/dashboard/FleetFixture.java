package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Four devices as the API shows them (three with positions, one registered but never seen),
 * read from {@code dashboard/fixtures/*.json}. The files are written around a fixed instant,
 * {@code "anchor"} in devices.json; every timestamp is moved so that the anchor becomes "now",
 * so presets like "last hour" find the tracks whenever the tests run.
 */
public final class FleetFixture {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TIMESTAMPS = Set.of("ts", "receivedAt", "lastSeen");

  private final JsonNode devices;
  private final Map<String, List<JsonNode>> positions;
  private final Map<String, List<JsonNode>> events;
  private final Map<String, JsonNode> reports;
  private final String dailyCsv;

  private FleetFixture(JsonNode devices, Map<String, List<JsonNode>> positions,
      Map<String, List<JsonNode>> events, Map<String, JsonNode> reports, String dailyCsv) {
    this.devices = devices;
    this.positions = positions;
    this.events = events;
    this.reports = reports;
    this.dailyCsv = dailyCsv;
  }

  static FleetFixture load(Instant now) {
    JsonNode devices = read("devices.json");
    Duration shift = Duration.between(Instant.parse(devices.get("anchor").asText()), now.truncatedTo(ChronoUnit.SECONDS));
    rebase(devices, shift);
    Map<String, List<JsonNode>> positions = new HashMap<>();
    Map<String, List<JsonNode>> events = new HashMap<>();
    Map<String, JsonNode> reports = new HashMap<>();
    for (JsonNode device : devices.get("items")) {
      String imei = device.get("imei").asText();
      if (device.get("last").isNull()) {
        continue;
      }
      positions.put(imei, items(rebase(read("positions-" + imei + ".json"), shift)));
      events.put(imei, items(rebase(read("events-" + imei + ".json"), shift)));
      reports.put(imei, read("report-" + imei + ".json"));
    }
    return new FleetFixture(devices, positions, events, reports, text("daily.csv"));
  }

  /** The devices list body, {@code {"items":[Device]}}. */
  public JsonNode devicesBody() {
    return JSON.createObjectNode().set("items", devices.get("items").deepCopy());
  }

  public List<String> imeis() {
    return StreamSupport.stream(devices.get("items").spliterator(), false)
        .map(device -> device.get("imei").asText()).toList();
  }

  public List<String> imeisWithPosition() {
    return StreamSupport.stream(devices.get("items").spliterator(), false)
        .filter(device -> device.get("last").hasNonNull("lat"))
        .map(device -> device.get("imei").asText()).toList();
  }

  public String name(String imei) {
    return StreamSupport.stream(devices.get("items").spliterator(), false)
        .filter(device -> device.get("imei").asText().equals(imei))
        .map(device -> device.get("name").asText()).findFirst().orElseThrow();
  }

  public boolean knows(String imei) {
    return imeis().contains(imei);
  }

  /** Positions with {@code from <= ts < to}, oldest first. */
  public List<JsonNode> positions(String imei, Instant from, Instant to) {
    return within(positions.getOrDefault(imei, List.of()), from, to);
  }

  public List<JsonNode> events(String imei, Instant from, Instant to) {
    return within(events.getOrDefault(imei, List.of()), from, to);
  }

  public ObjectNode report(String imei, Instant from, Instant to) {
    ObjectNode report = reports.get(imei).deepCopy();
    report.put("from", from.toString());
    report.put("to", to.toString());
    return report;
  }

  public String dailyCsv() {
    return dailyCsv;
  }

  private static List<JsonNode> within(List<JsonNode> records, Instant from, Instant to) {
    return records.stream().filter(record -> {
      Instant ts = Instant.parse(record.get("ts").asText());
      return !ts.isBefore(from) && ts.isBefore(to);
    }).toList();
  }

  private static List<JsonNode> items(JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return List.copyOf(items);
  }

  private static JsonNode rebase(JsonNode node, Duration shift) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (TIMESTAMPS.contains(name) && value.isTextual()) {
          object.set(name, new TextNode(Instant.parse(value.asText()).plus(shift).toString()));
        } else {
          rebase(value, shift);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> rebase(child, shift));
    }
    return node;
  }

  private static JsonNode read(String name) {
    try {
      return JSON.readTree(text(name));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + name + " is not JSON", e);
    }
  }

  private static String text(String name) {
    try (InputStream in = FleetFixture.class.getClassLoader().getResourceAsStream("dashboard/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture dashboard/fixtures/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + name, e);
    }
  }
}
