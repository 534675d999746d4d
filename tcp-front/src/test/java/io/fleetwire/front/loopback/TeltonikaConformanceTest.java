package io.fleetwire.front.loopback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.front.publish.NdjsonTelemetryPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance corpus ({@code teltonika/conformance.json}): frames from Teltonika's documentation
 * and from public parsers' test suites, each with its source and the values it carries. Every frame
 * is sent by a device over a loopback socket to a running front; the reply bytes and the published
 * batch JSON (as the NDJSON publisher writes it, the same JSON the queue carries) are compared field
 * by field with the corpus.
 */
class TeltonikaConformanceTest {
  private static final String IMEI = "356307042441013";
  private static final Duration REPLY_WITHIN = Duration.ofSeconds(10);

  @TempDir
  static Path dir;
  private static NdjsonTelemetryPublisher publisher;
  private static LoopbackFront front;

  @BeforeAll
  static void startFront() {
    publisher = new NdjsonTelemetryPublisher(dir.resolve("published.ndjson"));
    front = LoopbackFront.start(publisher);
  }

  @AfterAll
  static void stopFront() {
    front.close();
    publisher.close();
  }

  static List<JsonNode> corpus() throws IOException {
    try (InputStream in = TeltonikaConformanceTest.class.getResourceAsStream("/teltonika/conformance.json")) {
      List<JsonNode> vectors = new ArrayList<>();
      Json.mapper().readTree(in).forEach(vectors::add);
      return vectors;
    }
  }

  @TestFactory
  List<DynamicTest> everyVectorSentOverASocketIsRepliedToAndPublishedAsTheCorpusSays() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode vector : corpus()) {
      tests.add(DynamicTest.dynamicTest(vector.get("name").asText() + " (" + vector.get("source").asText() + ")",
          () -> {
            assertPublished(vector, Json.mapper().readTree(send(vector)));
          }));
    }
    return tests;
  }

  /**
   * A browser (and jq) reads every JSON number as a double: each IO value of every vector, read so,
   * must still be exactly the value the device sent, whether the JSON carries it as a number or as
   * a decimal string.
   */
  @TestFactory
  List<DynamicTest> everyIoValueReadAsABrowserReadsJsonIsExact() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode vector : corpus()) {
      if (!vector.has("records")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
        List<Map<String, Object>> read = BrowserJson.ioOfRecords(send(vector));
        JsonNode expected = vector.get("records");
        assertEquals(expected.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
          Map<String, Object> io = read.get(i);
          assertEquals(names(expected.get(i).get("io")), new TreeSet<>(io.keySet()));
          for (Map.Entry<String, Object> value : io.entrySet()) {
            BigInteger sent = new BigInteger(expected.get(i).get("io").get(value.getKey()).asText());
            assertEquals(sent, BrowserJson.asInteger(value.getValue()),
                vector.get("name").asText() + " record " + i + " io " + value.getKey() + " read as " + value.getValue());
          }
        }
      }));
    }
    return tests;
  }

  /** Sends the vector's frame after a login; checks the reply bytes; returns the batch JSON published for it. */
  static String send(JsonNode vector) throws Exception {
    int before = lines().size();
    byte[] expectedReply = HexFormat.of().parseHex(vector.get("reply").asText());
    try (RawDevice device = RawDevice.connect(front.port())) {
      assertEquals(1, device.login(IMEI));
      device.send(HexFormat.of().parseHex(vector.get("frame").asText()));
      byte[] reply = new byte[expectedReply.length];
      for (int i = 0; i < reply.length; i++) {
        reply[i] = (byte) device.read(REPLY_WITHIN);
      }
      assertArrayEquals(expectedReply, reply, "reply to the frame");
      LoopbackFront.eventually("the frame is published", () -> lines().size() > before);
      assertEquals(0, device.hangUpAndCollectReplies().length, "nothing more is sent to the device");
    }
    List<String> lines = lines();
    assertEquals(before + 1, lines.size(), "one frame, one batch");
    return lines.get(before);
  }

  static List<String> lines() {
    try {
      Path file = dir.resolve("published.ndjson");
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new AssertionError("cannot read the published batches", e);
    }
  }

  private static void assertPublished(JsonNode vector, JsonNode batch) {
    String name = vector.get("name").asText();
    assertEquals(IMEI, batch.get("imei").asText(), name);
    assertEquals(1, batch.get("schemaVersion").asInt(), name);
    JsonNode expectedRecords = vector.path("records");
    JsonNode expectedMessages = vector.path("messages");
    assertEquals(expectedRecords.size(), batch.path("records").size(), name + ": records");
    assertEquals(expectedMessages.size(), batch.path("messages").size(), name + ": messages");
    for (int i = 0; i < expectedRecords.size(); i++) {
      assertRecord(name + " record " + i, expectedRecords.get(i), batch.get("records").get(i));
    }
    for (int i = 0; i < expectedMessages.size(); i++) {
      JsonNode expected = expectedMessages.get(i);
      JsonNode actual = batch.get("messages").get(i);
      String where = name + " message " + i;
      assertEquals(IMEI, actual.get("imei").asText(), where);
      assertFalse(actual.path("id").asText().isEmpty(), where + ": id");
      expected.fields().forEachRemaining(field -> assertEquals(field.getValue(), actual.get(field.getKey()),
          where + ": " + field.getKey()));
      assertEquals(expected.has("text"), actual.has("text"), where + ": text or hex");
    }
  }

  private static void assertRecord(String where, JsonNode expected, JsonNode actual) {
    assertTrue(actual.path("id").asText().startsWith(IMEI + "-"), where + ": id");
    for (String field : List.of("ts", "lat", "lon", "alt", "angle", "speed", "sats", "priority", "event")) {
      assertEquals(expected.get(field), actual.get(field), where + ": " + field);
    }
    assertEquals(expected.get("generationType"), actual.get("generationType"), where + ": generationType");
    assertSameFields(where + ": io", expected.get("io"), actual.path("io"));
    assertSameFields(where + ": ioHex", expected.get("ioHex"), actual.path("ioHex"));
  }

  /** Same keys, and each value the same JSON: a number stays a number, a decimal string a string. */
  private static void assertSameFields(String where, JsonNode expected, JsonNode actual) {
    assertEquals(names(expected), names(actual), where + " ids");
    expected.fields().forEachRemaining(field -> {
      JsonNode value = actual.get(field.getKey());
      assertEquals(field.getValue().isNumber(), value.isNumber(), where + " " + field.getKey() + " kind");
      assertEquals(field.getValue().asText(), value.asText(), where + " " + field.getKey());
    });
  }

  private static TreeSet<String> names(JsonNode node) {
    TreeSet<String> names = new TreeSet<>();
    if (node != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      fields.forEachRemaining(field -> names.add(field.getKey()));
    }
    return names;
  }
}
