package io.fleetwire.local.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.testsupport.RawTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/** Device commands through the whole local stack: HTTP API, SQLite, front, real device sockets. */
class LocalCommandsEndToEndTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final String IMEI = "352093081452251";
  private static final long WAIT_MILLIS = 15_000;
  /** Teltonika's documented Codec 12 "getinfo" command frame. */
  private static final byte[] GETINFO_FRAME = HexFormat.of().parseHex(
      "000000000000000F0C010500000007676574696E666F0100004312");

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalStack stack;
  private Simulation simulation;
  private RawTracker tracker;

  private void start(Duration commandTimeout) throws InterruptedException {
    stack = LocalStack.start(new LocalConfig(LOOPBACK, 0, LOOPBACK, 0, dir, LocalConfig.Policy.open,
        Duration.ofMinutes(1), 65_536, 0, Duration.ofSeconds(5), null), commandTimeout);
  }

  @AfterEach
  void stop() throws IOException {
    if (tracker != null) {
      tracker.close();
    }
    if (simulation != null) {
      simulation.stop();
    }
    if (stack != null) {
      stack.close();
    }
  }

  private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + stack.httpPort() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return Json.mapper().readTree(response.body());
  }

  private String postCommand(String imei, String body) throws Exception {
    JsonNode queued = call("POST", "/api/devices/" + imei + "/commands", body, 202);
    assertEquals("queued", queued.get("status").asText());
    return queued.get("id").asText();
  }

  private JsonNode awaitStatus(String imei, String id, String status) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    JsonNode command = call("GET", "/api/devices/" + imei + "/commands/" + id, null, 200);
    while (!command.get("status").asText().equals(status) && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      command = call("GET", "/api/devices/" + imei + "/commands/" + id, null, 200);
    }
    assertEquals(status, command.get("status").asText(), command.toString());
    return command;
  }

  @Test
  void getinfoReachesTheDeviceAsTheDocumentedFrameAndItsAnswerIsServed() throws Exception {
    start(Duration.ofSeconds(30));
    tracker = RawTracker.login(LOOPBACK, stack.tcpPort(), IMEI);
    assertEquals(1, tracker.sendRecords(1));

    String id = postCommand(IMEI, "{\"text\":\"getinfo\",\"codec\":12}");
    assertArrayEquals(GETINFO_FRAME, tracker.readFrame());
    tracker.answerCodec12("INI:2026/11/26 5:00 RTC:2026/11/26 5:30 RST:0 GPS:1 SAT:9");

    JsonNode answered = awaitStatus(IMEI, id, "answered");
    assertEquals("INI:2026/11/26 5:00 RTC:2026/11/26 5:30 RST:0 GPS:1 SAT:9", answered.get("response").asText());
    assertTrue(answered.get("sentAt").isTextual());
    assertTrue(answered.get("answeredAt").isTextual());
    JsonNode list = call("GET", "/api/devices/" + IMEI + "/commands", null, 200);
    assertEquals(id, list.get("items").get(0).get("id").asText());
  }

  @Test
  void simulatedTrackerAnswersGetverLikeADevice() throws Exception {
    start(Duration.ofSeconds(30));
    simulation = new Simulation(SimulationConfig.builder().host(LOOPBACK).port(stack.tcpPort()).devices(1)
        .interval(Duration.ofMillis(200)).keepAckedRecords(false).build());
    simulation.start();
    String imei = simulation.imeis().get(0);
    awaitDeviceKnown(imei);

    String id = postCommand(imei, "{\"text\":\"getver\",\"codec\":14}");

    JsonNode answered = awaitStatus(imei, id, "answered");
    assertTrue(answered.get("response").asText().contains("IMEI:" + imei), answered.toString());
  }

  @Test
  void commandForAnOfflineDeviceIsDeliveredAfterItReconnectsAndSendsData() throws Exception {
    start(Duration.ofSeconds(30));
    tracker = RawTracker.login(LOOPBACK, stack.tcpPort(), IMEI);
    tracker.sendRecords(1);
    tracker.close();

    String id = postCommand(IMEI, "{\"text\":\"getinfo\"}");
    Thread.sleep(200);
    assertEquals("queued", call("GET", "/api/devices/" + IMEI + "/commands/" + id, null, 200)
        .get("status").asText());

    tracker = RawTracker.login(LOOPBACK, stack.tcpPort(), IMEI);
    assertEquals(2, tracker.sendRecords(2), "after login the device first gets its ack, not the command");
    assertArrayEquals(GETINFO_FRAME, tracker.readFrame());
    tracker.answerCodec12("RTC:2026/11/26 5:31");
    assertEquals("RTC:2026/11/26 5:31", awaitStatus(IMEI, id, "answered").get("response").asText());
  }

  @Test
  void commandThatGetsNoAnswerExpiresAfterTheTimeout() throws Exception {
    start(Duration.ofMillis(500));
    tracker = RawTracker.login(LOOPBACK, stack.tcpPort(), IMEI);
    tracker.sendRecords(1);

    String id = postCommand(IMEI, "{\"text\":\"getinfo\"}");
    tracker.readFrame();

    JsonNode expired = awaitStatus(IMEI, id, "expired");
    assertTrue(expired.get("failureReason").asText().contains("no answer"), expired.toString());
  }

  @Test
  void codec14CommandAnsweredWithImeiMismatchEndsFailed() throws Exception {
    start(Duration.ofSeconds(30));
    tracker = RawTracker.login(LOOPBACK, stack.tcpPort(), IMEI);
    tracker.sendRecords(1);

    String id = postCommand(IMEI, "{\"text\":\"getver\",\"codec\":14}");
    assertArrayEquals(HexFormat.of().parseHex("00000000000000160E01050000000E0352093081452251676574766572010000D2C1"),
        tracker.readFrame());
    tracker.answerCodec14(RawTracker.TYPE_IMEI_MISMATCH, "");

    JsonNode failed = awaitStatus(IMEI, id, "failed");
    assertTrue(failed.get("failureReason").asText().contains("IMEI mismatch"), failed.toString());
  }

  private void awaitDeviceKnown(String imei) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
          URI.create("http://" + LOOPBACK + ":" + stack.httpPort() + "/api/devices/" + imei)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("device " + imei + " never appeared in the API");
  }
}
