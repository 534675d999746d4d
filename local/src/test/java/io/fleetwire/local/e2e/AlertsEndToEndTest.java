package io.fleetwire.local.e2e;

import io.fleetwire.functions.alert.RetrySchedule;
import io.fleetwire.local.AlertSettings;
import io.fleetwire.local.LocalStack;
import io.fleetwire.simulator.teltonika.AvlEncoder;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.EncodedRecord;
import io.fleetwire.simulator.teltonika.IoValue;
import io.fleetwire.simulator.teltonika.TrackerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts through the whole local stack: rules created over HTTP, trackers driven across each
 * condition over TCP, each alert opened and closed once at a signed webhook on loopback.
 */
class AlertsEndToEndTest {
  private static final String SECRET = "webhook-secret-of-the-fleet";
  private static final Duration QUICK = Duration.ofMillis(100);
  private static final RetrySchedule FAST_RETRIES = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(1),
      Duration.ofDays(1));
  /** Depot in Vilnius; 0.005° of latitude is about 556 m. */
  private static final int DEPOT_LAT = 546_872_000;
  private static final int DEPOT_LON = 252_797_000;
  private static final int AWAY_LAT = DEPOT_LAT + 50_000;

  @TempDir
  Path data;

  private static AlertSettings settings(WebhookReceiver receiver) {
    return new AlertSettings(receiver.url(), SECRET, FAST_RETRIES, QUICK, Duration.ofMillis(200));
  }

  private static TrackerRecord at(Instant ts, int lat, int speed, int event, List<IoValue> io) {
    return new TrackerRecord(ts.toEpochMilli(), 0, DEPOT_LON, lat, 120, 90, 9, speed, event, 0, io, List.of());
  }

  private static TrackerRecord temperature(Instant ts, double celsius) {
    return at(ts, DEPOT_LAT, 0, 72, List.of(new IoValue(72, 4, Math.round(celsius * 10))));
  }

  private static byte[] frame(String imei, List<TrackerRecord> records) {
    List<EncodedRecord> encoded = records.stream().map(r -> EncodedRecord.encode(imei, Codec.CODEC_8E, r)).toList();
    return AvlEncoder.frameOf(Codec.CODEC_8E, encoded);
  }

  private static void send(LocalStack stack, String imei, byte[] frame, int records) throws Exception {
    try (RawDevice device = new RawDevice(stack.tcpPort())) {
      assertEquals(1, device.login(imei));
      assertEquals(records, device.send(frame), "ack of " + imei);
    }
  }

  private static void createRule(StackClient api, String json) {
    StackClient.Reply reply = api.post("/api/rules", json);
    assertEquals(201, reply.status(), String.valueOf(reply.body()));
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void everyKindOfRuleOpensAndClosesItsAlertOnceAtTheWebhook() throws Exception {
    Instant t = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> ruleOf = new LinkedHashMap<>();
    Map<String, byte[]> frames = new LinkedHashMap<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
         LocalStack stack = LocalStack.start(StackConfigs.open(data), Duration.ofSeconds(60), settings(receiver))) {
      StackClient api = new StackClient(stack.httpPort());
      record Case(String rule, String imei, String json, List<TrackerRecord> records) {
      }
      List<Case> cases = List.of(
          new Case("reefer-warm", "356307042440001", "{\"kind\":\"temperature-above\",\"threshold\":8,\"forSeconds\":60",
              List.of(temperature(t, 4), temperature(t.plusSeconds(60), 9), temperature(t.plusSeconds(120), 9.5),
                  temperature(t.plusSeconds(180), 9.5), temperature(t.plusSeconds(240), 6))),
          new Case("freezer-cold", "356307042440002", "{\"kind\":\"temperature-below\",\"threshold\":-18",
              List.of(temperature(t, -15), temperature(t.plusSeconds(60), -20.5), temperature(t.plusSeconds(120), -15))),
          new Case("speeding", "356307042440003", "{\"kind\":\"overspeed\",\"threshold\":90",
              List.of(at(t, DEPOT_LAT, 50, 0, List.of()), at(t.plusSeconds(60), DEPOT_LAT, 120, 0, List.of()),
                  at(t.plusSeconds(120), DEPOT_LAT, 60, 0, List.of()))),
          new Case("crash", "356307042440004", "{\"kind\":\"event\",\"threshold\":247",
              List.of(at(t, DEPOT_LAT, 50, 0, List.of()),
                  at(t.plusSeconds(60), DEPOT_LAT, 0, 247, List.of(new IoValue(247, 1, 1))),
                  at(t.plusSeconds(120), DEPOT_LAT, 0, 0, List.of()))),
          new Case("left-depot", "356307042440005",
              "{\"kind\":\"geofence-exit\",\"geofence\":{\"lat\":54.6872,\"lon\":25.2797,\"radiusM\":200}",
              List.of(at(t, DEPOT_LAT, 0, 0, List.of()), at(t.plusSeconds(60), AWAY_LAT, 40, 0, List.of()),
                  at(t.plusSeconds(120), DEPOT_LAT, 0, 0, List.of()))),
          new Case("at-depot", "356307042440006",
              "{\"kind\":\"geofence-enter\",\"geofence\":{\"polygon\":[[54.686,25.278],[54.686,25.281],[54.688,25.281],[54.688,25.278]]}",
              List.of(at(t, AWAY_LAT, 40, 0, List.of()), at(t.plusSeconds(60), DEPOT_LAT, 0, 0, List.of()),
                  at(t.plusSeconds(120), AWAY_LAT, 40, 0, List.of()))));
      for (Case c : cases) {
        createRule(api, c.json() + ",\"id\":\"" + c.rule() + "\",\"name\":\"" + c.rule() + "\",\"devices\":[\""
            + c.imei() + "\"]}");
        ruleOf.put(c.rule(), c.imei());
        frames.put(c.imei(), frame(c.imei(), c.records()));
        sizes.put(c.imei(), c.records().size());
      }
      String silent = "356307042440007";
      createRule(api, "{\"id\":\"silent\",\"name\":\"silent\",\"kind\":\"offline\",\"threshold\":10,\"devices\":[\""
          + silent + "\"]}");
      ruleOf.put("silent", silent);

      for (Map.Entry<String, byte[]> f : frames.entrySet()) {
        send(stack, f.getKey(), f.getValue(), sizes.get(f.getKey()));
      }
      send(stack, silent, frame(silent, List.of(at(Instant.now(), DEPOT_LAT, 0, 0, List.of()))), 1);
      await("the offline alert", () -> receiver.accepted().stream().anyMatch(d -> d.id().endsWith(":open")
          && d.alert().get("ruleId").asText().equals("silent")));
      send(stack, silent, frame(silent, List.of(at(Instant.now(), DEPOT_LAT, 0, 0, List.of()))), 1);
      await("14 deliveries", () -> receiver.accepted().size() >= 14);

      // The queue's at-least-once: the same telemetry again raises nothing new.
      for (Map.Entry<String, byte[]> f : frames.entrySet()) {
        send(stack, f.getKey(), f.getValue(), sizes.get(f.getKey()));
      }
      Thread.sleep(1_000);

      List<WebhookReceiver.Delivery> got = receiver.accepted();
      assertEquals(14, got.size(), got.stream().map(WebhookReceiver.Delivery::id).toList().toString());
      assertTrue(got.stream().allMatch(WebhookReceiver.Delivery::signed), "every signature verifies");
      assertEquals(14, got.stream().map(WebhookReceiver.Delivery::id).distinct().count(), "each change once");
      for (Map.Entry<String, String> rule : ruleOf.entrySet()) {
        List<WebhookReceiver.Delivery> mine = got.stream()
            .filter(d -> d.alert().get("ruleId").asText().equals(rule.getKey())).toList();
        assertEquals(List.of("open", "closed"), mine.stream().map(d -> d.alert().get("state").asText()).toList(),
            rule.getKey());
        assertEquals(rule.getValue(), mine.get(0).alert().get("imei").asText());
        assertEquals(mine.get(0).alert().get("id"), mine.get(1).alert().get("id"));
      }
      Map<String, String> opened = new LinkedHashMap<>();
      got.stream().filter(d -> d.id().endsWith(":open"))
          .forEach(d -> opened.put(d.alert().get("ruleId").asText(), d.alert().get("ts").asText()));
      assertEquals(t.plusSeconds(120).toString(), opened.get("reefer-warm"), "10 min above 8 °C on record time");
      assertEquals(t.plusSeconds(60).toString(), opened.get("crash"));
      assertEquals(7, new StackClient(stack.httpPort()).get("/api/alerts?from=" + t.minusSeconds(1) + "&limit=100")
          .body().get("items").size(), "the API lists all seven alerts");
    }
  }

  @Test
  void aReceiverThatFailsStillGetsTheAlertAfterRetriesAcrossARestart() throws Exception {
    Instant t = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    String imei = "356307042440011";
    try (WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
      receiver.refuseNext(Integer.MAX_VALUE);
      try (LocalStack stack = LocalStack.start(StackConfigs.open(data), Duration.ofSeconds(60), settings(receiver))) {
        createRule(new StackClient(stack.httpPort()),
            "{\"id\":\"speeding\",\"name\":\"speeding\",\"kind\":\"overspeed\",\"threshold\":90}");
        List<TrackerRecord> records = new ArrayList<>(List.of(at(t, DEPOT_LAT, 120, 0, List.of()),
            at(t.plusSeconds(60), DEPOT_LAT, 50, 0, List.of())));
        send(stack, imei, frame(imei, records), 2);
        await("three refused attempts", () -> receiver.refusedCount() >= 3);
      }
      receiver.refuseNext(0);
      assertEquals(List.of(), receiver.accepted());

      try (LocalStack restarted = LocalStack.start(StackConfigs.open(data), Duration.ofSeconds(60), settings(receiver))) {
        await("both changes after the restart", () -> receiver.accepted().size() >= 2);
        Thread.sleep(500);
      }
      List<WebhookReceiver.Delivery> got = receiver.accepted();
      assertEquals(2, got.size(), got.toString());
      assertEquals(List.of("open", "closed"), got.stream().map(d -> d.alert().get("state").asText()).sorted(
          (a, b) -> a.equals("open") ? -1 : b.equals("open") ? 1 : 0).toList());
      assertTrue(got.stream().allMatch(WebhookReceiver.Delivery::signed));
    }
  }
}
