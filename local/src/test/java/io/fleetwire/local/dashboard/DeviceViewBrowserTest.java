package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedBrowser.class)
class DeviceViewBrowserTest {

  private static final String VAN = "352093081452251";
  private static final String TRAILER = "352093081452277";

  private static FixtureApiServer api;
  private static Browser browser;
  private DashboardPage page;

  @BeforeAll
  static void start(Browser shared) {
    api = FixtureApiServer.start();
    browser = shared;
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void openFleet() {
    browser.viewport(1280, 800);
    page = DashboardPage.open(browser, api.url("/?tiles=none"));
  }

  @Test
  void trackHasOnePointPerPositionWithAFixTheApiReturnedForTheRange() {
    page.openFromList(VAN);
    page.chooseRange("hour");
    browser.screenshot("device-1280x800");

    List<JsonNode> served = api.lastPositionsServed(VAN);
    long withFix = served.stream().filter(record -> record.hasNonNull("lat")).count();
    assertTrue(served.size() > FixtureApiServer.PAGE_SIZE, "the range spans several pages: " + served.size());
    assertEquals(served.size(), page.positionsShown());
    assertEquals(withFix, page.trackPoints());
  }

  @Test
  void customRangeLoadsExactlyThePositionsOfThatRange() {
    Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant from = to.minus(Duration.ofMinutes(20));
    page.openFromList(VAN);

    page.chooseCustomRange(from, to);

    int expected = api.fleet().positions(VAN, from, to).size();
    assertTrue(expected > 0 && expected < 60, "a part of the track: " + expected);
    assertEquals(expected, api.lastPositionsServed(VAN).size());
    assertEquals(expected, page.positionsShown());
    assertEquals(expected, page.chartPoints("chart-speed"));
  }

  @Test
  void reportFiguresAreTheApiReport() {
    page.openFromList(VAN);

    JsonNode report = api.fleet().report(VAN, Instant.EPOCH, Instant.EPOCH);
    assertEquals(report.get("distanceKm").asText(), page.reportValue("report-distance"));
    assertEquals("18.4 km", page.reportText("report-distance"));
    assertEquals(report.get("drivingSeconds").asText(), page.reportValue("report-driving"));
    assertEquals("39 min", page.reportText("report-driving"));
    assertEquals(report.get("idleSeconds").asText(), page.reportValue("report-idle"));
    assertEquals(report.get("stops").asText(), page.reportValue("report-stops"));
    assertEquals(report.get("maxSpeedKmh").asText(), page.reportValue("report-max-speed"));
    assertEquals("97 km/h", page.reportText("report-max-speed"));
    assertEquals(report.get("temperature").get("min").asText(), page.reportValue("report-temp-min"));
    assertEquals(report.get("temperature").get("max").asText(), page.reportValue("report-temp-max"));
    assertEquals(report.get("temperature").get("avg").asText(), page.reportValue("report-temp-avg"));
    assertEquals("4.5 °C", page.reportText("report-temp-avg"));
    Map<String, Long> eventCounts = new HashMap<>();
    report.get("events").properties().forEach(entry -> eventCounts.put(entry.getKey(), entry.getValue().asLong()));
    assertEquals(eventCounts, page.reportEventCounts());
  }

  @Test
  void chartsPlotSpeedAndTemperatureOfEveryPosition() {
    page.openFromList(VAN);
    page.chooseRange("hour");

    List<JsonNode> served = api.lastPositionsServed(VAN);
    long withTemperature = served.stream().filter(record -> record.get("sensors").has("temperature1C")).count();
    assertEquals(served.size(), page.chartPoints("chart-speed"));
    assertEquals(withTemperature, page.chartPoints("chart-temperature"));
    assertTrue(page.chartInk("chart-speed") > 0, "speed chart canvas has drawing");
    assertTrue(page.chartInk("chart-temperature") > 0, "temperature chart canvas has drawing");
  }

  @Test
  void eventsOfTheRangeAreListedAndMarkedOnTheMap() {
    page.openFromList(VAN);
    page.chooseRange("hour");

    assertEquals(List.of("overSpeeding", "crash"), page.listedEvents());
    assertEquals(2, page.eventMarkers());
  }

  @Test
  void rangeWithoutPositionsSaysSo() {
    page.openFromList(TRAILER);
    page.chooseRange("hour");

    assertEquals(0, page.trackPoints());
    assertEquals("empty", browser.find("#device-message").getDomAttribute("data-state"));
    assertTrue(page.deviceMessage().startsWith("No positions in this range"), page.deviceMessage());
  }

  @Test
  void dailyReportLinkDownloadsTheCsv() {
    page.openFromList(VAN);

    List<String> answer = page.fetchInPage(page.dailyCsvHref());

    assertTrue(page.dailyCsvHref().contains("/api/reports/daily?date="), page.dailyCsvHref());
    assertTrue(page.dailyCsvHref().endsWith("&format=csv"), page.dailyCsvHref());
    assertEquals("200", answer.get(0));
    assertTrue(answer.get(1).startsWith("text/csv"), answer.get(1));
    assertEquals(api.fleet().dailyCsv(), answer.get(2));
  }

  @Test
  void phoneWidthShowsTheDeviceViewWithoutSidewaysScrolling() {
    browser.viewport(390, 844);
    page = DashboardPage.open(browser, api.url("/?tiles=none"));
    page.openFromList(VAN);
    page.chooseRange("hour");
    browser.screenshot("device-390x844");

    assertEquals(390L, browser.script("return document.documentElement.scrollWidth"));
    assertTrue(page.chartInk("chart-speed") > 0, "speed chart canvas has drawing");
  }
}
