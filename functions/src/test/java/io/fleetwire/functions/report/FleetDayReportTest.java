package io.fleetwire.functions.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.TemperatureSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FleetDayReportTest {
  private static final LocalDate DAY = LocalDate.parse("2026-05-01");
  private static final Instant FROM = Instant.parse("2026-05-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-05-02T00:00:00Z");

  private static Map<String, Long> events(long crash, long towing) {
    Map<String, Long> events = new TreeMap<>();
    DeviceReport.STANDARD_ALARMS.forEach(name -> events.put(name, 0L));
    events.put("crash", crash);
    events.put("towing", towing);
    return events;
  }

  private static FleetDayReport day() {
    DeviceReport van = new DeviceReport("356307042441013", FROM, TO, 120, 42.125, 3600, 600, 2, 88,
        new TemperatureSummary(3.5, 7.25, 5.1), new TreeMap<>(events(1, 0)));
    DeviceReport truck = new DeviceReport("356307042441014", FROM, TO, 0, 0.0, 0, 0, 0, 0,
        new TemperatureSummary(null, null, null), new TreeMap<>(events(0, 2)));
    return new FleetDayReport(DAY, List.of(new FleetDayRow("Van \"7\", north", van), new FleetDayRow(null, truck)), null);
  }

  @Test
  void csvHasAHeaderAndOneQuotedLinePerDevice() {
    String expected = ""
        + "date,imei,name,records,distanceKm,drivingSeconds,idleSeconds,stops,maxSpeedKmh,"
        + "temperatureMinC,temperatureMaxC,temperatureAvgC,crashEvents,towingEvents,unplugEvents,"
        + "jammingEvents,overSpeedingEvents,temperatureEvents\r\n"
        + "2026-05-01,356307042441013,\"Van \"\"7\"\", north\",120,42.125,3600,600,2,88,3.5,7.25,5.1,1,0,0,0,0,0\r\n"
        + "2026-05-01,356307042441014,,0,0.0,0,0,0,0,,,,0,2,0,0,0,0\r\n";

    assertEquals(expected, FleetDayCsv.write(day(), true));
  }

  @Test
  void jsonListsEachDeviceWithItsNameBesideItsReportFields() throws Exception {
    JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(day()));

    assertEquals("2026-05-01", json.get("date").asText());
    JsonNode first = json.get("items").get(0);
    assertEquals("356307042441013", first.get("imei").asText());
    assertEquals("Van \"7\", north", first.get("name").asText());
    assertEquals(42.125, first.get("distanceKm").asDouble());
    assertEquals(7.25, first.get("temperature").get("max").asDouble());
    assertEquals(1, first.get("events").get("crash").asLong());
    assertEquals("2026-05-01T00:00:00Z", first.get("from").asText());
    JsonNode second = json.get("items").get(1);
    assertEquals(true, second.get("name").isNull());
    assertEquals(true, second.get("temperature").get("avg").isNull());
  }
}
