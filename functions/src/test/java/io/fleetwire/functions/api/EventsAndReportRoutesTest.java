package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static io.fleetwire.functions.report.SyntheticTrack.KM_PER_DEGREE_LATITUDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsAndReportRoutesTest {
  private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
  private static final String FROM = "2026-05-01T00:00:00Z";
  private static final String TO = "2026-05-02T00:00:00Z";
  private final ApiFixture fixture = new ApiFixture();

  @Test
  void eventsListsOnlyRecordsWhoseEventIsAnAlarm() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    track.event(247).at(0).event(239).at(10).event(0).at(20).event(249).at(30).event(72).at(40);
    fixture.store(track.records());

    ApiResponse response = fixture.get("/api/devices/" + IMEI + "/events", "from", FROM, "to", TO);

    assertEquals(200, response.status());
    JsonNode body = json(response);
    assertEquals(IMEI, body.get("imei").asText());
    JsonNode items = body.get("items");
    assertEquals(3, items.size());
    assertEquals(247, items.get(0).get("event").asInt());
    assertEquals(249, items.get(1).get("event").asInt());
    assertEquals(72, items.get(2).get("event").asInt());
  }

  @Test
  void eventsFollowNextThroughEveryAlarmOnceOldestFirst() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    for (int i = 0; i < 7; i++) {
      track.event(247).at(i * 10).event(0).at(i * 10 + 5);
    }
    fixture.store(track.records());
    List<String> seen = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      ApiResponse response = next == null
          ? fixture.get("/api/devices/" + IMEI + "/events", "from", FROM, "to", TO, "limit", "3")
          : fixture.get("/api/devices/" + IMEI + "/events", "from", FROM, "to", TO, "limit", "3", "next", next);
      assertEquals(200, response.status(), response.bodyText());
      JsonNode page = json(response);
      page.get("items").forEach(item -> seen.add(item.get("ts").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      pages++;
    } while (next != null && pages < 10);

    assertEquals(3, pages);
    assertEquals(7, seen.size());
    assertEquals(seen.stream().sorted().toList(), seen);
  }

  @Test
  void eventsRefuseAPositionsToken() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    track.event(247).at(0).at(1).at(2);
    fixture.store(track.records());
    String positionsNext = json(fixture.get("/api/devices/" + IMEI + "/positions", "from", FROM, "to", TO,
        "limit", "1")).get("next").asText();

    assertError(fixture.get("/api/devices/" + IMEI + "/events", "from", FROM, "to", TO, "next", positionsNext),
        400, "bad_next");
  }

  @Test
  void reportCoversTheStoredTrackAcrossManyStorePages() {
    // 10 km north at 60 km/h with a record every second: 601 records, more than one store page
    double stepDeg = (60.0 / 3600) / KM_PER_DEGREE_LATITUDE;
    SyntheticTrack track = new SyntheticTrack(IMEI, START).ignition(true).speed(60).event(247);
    for (int i = 0; i <= 600; i++) {
      track.position(45.0 + i * stepDeg, 10.0).at(i);
      track.event(0);
    }
    fixture.store(track.records());

    ApiResponse response = fixture.get("/api/devices/" + IMEI + "/report", "from", FROM, "to", TO);

    assertEquals(200, response.status());
    JsonNode report = json(response);
    assertEquals(IMEI, report.get("imei").asText());
    assertEquals(FROM, report.get("from").asText());
    assertEquals(TO, report.get("to").asText());
    assertEquals(601, report.get("records").asLong());
    assertEquals(10.0, report.get("distanceKm").asDouble(), 0.05);
    assertEquals(600, report.get("drivingSeconds").asLong());
    assertEquals(0, report.get("idleSeconds").asLong());
    assertEquals(0, report.get("stops").asInt());
    assertEquals(60, report.get("maxSpeedKmh").asInt());
    assertTrue(report.get("temperature").get("min").isNull());
    assertEquals(1, report.get("events").get("crash").asLong());
  }

  @Test
  void reportAndEventsAnswer404ForAnUnknownDevice() {
    assertError(fixture.get("/api/devices/" + IMEI + "/report"), 404, "unknown_device");
    assertError(fixture.get("/api/devices/" + IMEI + "/events"), 404, "unknown_device");
  }

  @Test
  void reportAndEventsCheckTheirRange() {
    fixture.store(new SyntheticTrack(IMEI, START).at(0).records());

    assertError(fixture.get("/api/devices/" + IMEI + "/report", "from", TO, "to", FROM), 400, "bad_range");
    assertError(fixture.get("/api/devices/" + IMEI + "/report", "from", "2026-01-01T00:00:00Z", "to", TO),
        400, "range_too_long");
    assertError(fixture.get("/api/devices/" + IMEI + "/events", "from", "noon"), 400, "bad_time");
    assertError(fixture.get("/api/devices/" + IMEI + "/events", "from", "2026-01-01T00:00:00Z", "to", TO),
        400, "range_too_long");
  }
}
