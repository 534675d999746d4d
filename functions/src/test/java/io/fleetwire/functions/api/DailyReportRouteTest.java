package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.OTHER_IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DailyReportRouteTest {
  private static final String PATH = "/api/reports/daily";
  private final ApiFixture fixture = new ApiFixture();

  /** Device one idles 10 min on 30 April and on 1 May; device two only sends on 1 May, ignition off. */
  private void storeTwoDevices() {
    fixture.store(new SyntheticTrack(IMEI, Instant.parse("2026-04-30T23:50:00Z")).ignition(true)
        .at(0).at(300).at(600).at(900).at(1200).records());
    fixture.store(new SyntheticTrack(OTHER_IMEI, Instant.parse("2026-05-01T10:00:00Z")).at(0).at(60).records());
    fixture.post("/api/devices", "{\"imei\":\"" + OTHER_IMEI + "\",\"name\":\"Truck, 2\"}");
  }

  @Test
  void jsonHasOneRowPerDeviceForTheUtcDay() {
    storeTwoDevices();

    ApiResponse response = fixture.get(PATH, "date", "2026-05-01");

    assertEquals(200, response.status());
    JsonNode day = json(response);
    assertEquals("2026-05-01", day.get("date").asText());
    JsonNode items = day.get("items");
    assertEquals(2, items.size());
    JsonNode first = items.get(0);
    assertEquals(IMEI, first.get("imei").asText());
    // 00:00, 00:05, 00:10 fall in the day; idle from 00:00 to 00:10
    assertEquals(3, first.get("records").asLong());
    assertEquals(600, first.get("idleSeconds").asLong());
    assertEquals("2026-05-01T00:00:00Z", first.get("from").asText());
    assertEquals("2026-05-02T00:00:00Z", first.get("to").asText());
    assertEquals("Truck, 2", items.get(1).get("name").asText());
    assertEquals(2, items.get(1).get("records").asLong());
  }

  @Test
  void csvIsTextCsvWithAHeaderAndOneLinePerDevice() {
    storeTwoDevices();

    ApiResponse response = fixture.get(PATH, "date", "2026-05-01", "format", "csv");

    assertEquals(200, response.status());
    assertEquals("text/csv; charset=utf-8", response.contentType());
    assertEquals("attachment; filename=\"fleet-2026-05-01.csv\"", response.headers().get("Content-Disposition"));
    String[] lines = response.bodyText().split("\r\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("date,imei,name,records,distanceKm,"), lines[0]);
    assertEquals("2026-05-01,356307042441013,,3,0.0,0,600,1,0,,,,0,0,0,0,0,0", lines[1]);
    assertEquals("2026-05-01,356307042441014,\"Truck, 2\",2,0.0,0,0,0,0,,,,0,0,0,0,0,0", lines[2]);
  }

  @Test
  void defaultsToTodayUtc() {
    assertEquals(ApiFixture.NOW.toString().substring(0, 10), json(fixture.get(PATH)).get("date").asText());
  }

  @Test
  void answers400ForABadDate() {
    for (String date : new String[] {"2026-02-30", "01/05/2026", "2026-5-1"}) {
      String detail = assertError(fixture.get(PATH, "date", date), 400, "bad_date");
      assertTrue(detail.contains("YYYY-MM-DD") && detail.contains(date), detail);
    }
  }

  @Test
  void answers400ForAnUnknownFormat() {
    String detail = assertError(fixture.get(PATH, "date", "2026-05-01", "format", "xlsx"), 400, "bad_format");

    assertTrue(detail.contains("json or csv") && detail.contains("xlsx"), detail);
  }

  @Test
  void computedRowsArePagedByLimitWithTheNextToken() {
    storeTwoDevices();

    JsonNode first = json(fixture.get(PATH, "date", "2026-05-01", "limit", "1"));
    assertEquals(1, first.get("items").size());
    assertEquals(IMEI, first.get("items").get(0).get("imei").asText());
    JsonNode second = json(fixture.get(PATH, "date", "2026-05-01", "limit", "1", "next", first.get("next").asText()));

    assertEquals(1, second.get("items").size());
    assertEquals(OTHER_IMEI, second.get("items").get(0).get("imei").asText());
    assertTrue(second.get("next").isNull());
  }

  @Test
  void answers400ForANextTokenThatIsNotOurs() {
    String detail = assertError(fixture.get(PATH, "date", "2026-05-01", "next", "bm90LW91cnM"), 400, "bad_next");

    assertTrue(detail.contains("bm90LW91cnM") && detail.contains("2026-05-01"), detail);
  }
}
