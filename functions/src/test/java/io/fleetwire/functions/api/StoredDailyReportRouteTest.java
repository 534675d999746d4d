package io.fleetwire.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.TemperatureSummary;
import io.fleetwire.functions.report.FleetDayReport;
import io.fleetwire.functions.report.SyntheticTrack;
import io.fleetwire.testsupport.report.InMemoryFleetDayStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.OTHER_IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daily report of a day the scheduled computation stored, beside days it did not. */
class StoredDailyReportRouteTest {
  private static final String PATH = "/api/reports/daily";
  /** The day before the fixture's today. */
  private static final LocalDate PAST = LocalDate.parse("2026-04-30");
  private static final String THIRD_IMEI = "356307042441015";

  private final InMemoryFleetDayStore days = new InMemoryFleetDayStore();
  private final ApiFixture fixture = new ApiFixture(new InMemoryTelemetryStore(), days);

  /** Both devices sent two records on 30 April; telemetry would report 2 records for each. */
  @BeforeEach
  void telemetry() {
    fixture.store(new SyntheticTrack(IMEI, Instant.parse("2026-04-30T10:00:00Z")).at(0).at(60).records());
    fixture.store(new SyntheticTrack(OTHER_IMEI, Instant.parse("2026-04-30T10:00:00Z")).at(0).at(60).records());
  }

  /** A stored row whose record count tells it apart from one computed from telemetry. */
  private static FleetDayRow storedRow(String imei, long records) {
    TreeMap<String, Long> events = new TreeMap<>();
    DeviceReport.STANDARD_ALARMS.forEach(alarm -> events.put(alarm, 0L));
    return new FleetDayRow("stored-" + imei, new DeviceReport(imei, FleetDayReport.start(PAST), FleetDayReport.end(PAST),
        records, 1.5, 60, 0, 0, 30, TemperatureSummary.NONE, events));
  }

  private void storeDay(boolean complete, FleetDayRow... rows) {
    FleetDayProgress progress = FleetDayProgress.begin(PAST, ApiFixture.NOW)
        .advance("page 2", rows[rows.length - 1].report().imei(), rows.length, ApiFixture.NOW);
    days.save(List.of(rows), complete ? progress.finish(ApiFixture.NOW) : progress);
  }

  @Test
  void aCompletedPastDayIsServedFromTheStoredRows() {
    storeDay(true, storedRow(IMEI, 41), storedRow(OTHER_IMEI, 42));

    ApiResponse response = fixture.get(PATH, "date", PAST.toString());

    assertEquals(200, response.status());
    JsonNode day = json(response);
    assertEquals(PAST.toString(), day.get("date").asText());
    assertEquals(2, day.get("items").size());
    assertEquals(41, day.get("items").get(0).get("records").asLong());
    assertEquals("stored-" + OTHER_IMEI, day.get("items").get(1).get("name").asText());
    assertEquals(1.5, day.get("items").get(1).get("distanceKm").asDouble());
    assertTrue(day.get("next").isNull());
  }

  @Test
  void aCompletedPastDayIsServedFromTheStoredRowsAsCsv() {
    storeDay(true, storedRow(IMEI, 41), storedRow(OTHER_IMEI, 42));

    ApiResponse response = fixture.get(PATH, "date", PAST.toString(), "format", "csv");

    assertEquals(200, response.status());
    String[] lines = response.bodyText().split("\r\n");
    assertEquals(3, lines.length);
    assertEquals("2026-04-30," + IMEI + ",stored-" + IMEI + ",41,1.5,60,0,0,30,,,,0,0,0,0,0,0", lines[1]);
    assertNull(response.headers().get("Link"));
  }

  @Test
  void aPastDayWhoseComputationIsUnfinishedIsComputedOnDemand() {
    storeDay(false, storedRow(IMEI, 41));

    JsonNode day = json(fixture.get(PATH, "date", PAST.toString()));

    assertEquals(2, day.get("items").size());
    assertEquals(2, day.get("items").get(0).get("records").asLong());
    assertEquals(2, day.get("items").get(1).get("records").asLong());
  }

  @Test
  void storedRowsArePagedWithTheNextToken() {
    storeDay(true, storedRow(IMEI, 41), storedRow(OTHER_IMEI, 42), storedRow(THIRD_IMEI, 43));

    JsonNode first = json(fixture.get(PATH, "date", PAST.toString(), "limit", "2"));
    assertEquals(2, first.get("items").size());
    String next = first.get("next").asText();

    JsonNode second = json(fixture.get(PATH, "date", PAST.toString(), "limit", "2", "next", next));
    assertEquals(1, second.get("items").size());
    assertEquals(43, second.get("items").get(0).get("records").asLong());
    assertTrue(second.get("next").isNull());
  }

  @Test
  void csvPagesLinkTheNextAndOnlyTheFirstHasTheHeader() {
    storeDay(true, storedRow(IMEI, 41), storedRow(OTHER_IMEI, 42), storedRow(THIRD_IMEI, 43));

    ApiResponse first = fixture.get(PATH, "date", PAST.toString(), "format", "csv", "limit", "2");
    String link = first.headers().get("Link");
    assertTrue(link.startsWith("</api/reports/daily?date=2026-04-30&format=csv&limit=2&next=") && link.endsWith(
        ">; rel=\"next\""), link);
    String next = link.substring(link.indexOf("&next=") + 6, link.indexOf('>'));
    ApiResponse second = fixture.get(PATH, "date", PAST.toString(), "format", "csv", "limit", "2", "next", next);

    assertEquals(3, first.bodyText().split("\r\n").length);
    assertEquals(List.of("2026-04-30," + THIRD_IMEI + ",stored-" + THIRD_IMEI + ",43,1.5,60,0,0,30,,,,0,0,0,0,0,0"),
        List.of(second.bodyText().split("\r\n")));
    assertNull(second.headers().get("Link"));
  }

  @Test
  void refusesTheNextTokenOfAnotherDay() {
    storeDay(true, storedRow(IMEI, 41), storedRow(OTHER_IMEI, 42));
    String next = json(fixture.get(PATH, "date", PAST.toString(), "limit", "1")).get("next").asText();

    String detail = assertError(fixture.get(PATH, "date", "2026-04-29", "next", next), 400, "bad_next");

    assertTrue(detail.contains("2026-04-29") && detail.contains(next), detail);
  }

  @Test
  void todayIsComputedOnDemandWhateverIsStored() {
    days.save(List.of(), FleetDayProgress.begin(LocalDate.parse("2026-05-01"), ApiFixture.NOW).finish(ApiFixture.NOW));

    JsonNode day = json(fixture.get(PATH, "date", "2026-05-01"));

    assertEquals(2, day.get("items").size());
  }
}
