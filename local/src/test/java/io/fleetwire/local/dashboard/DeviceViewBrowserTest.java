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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One device of the simulated {@link DemoFleet} on the local stack: track, charts, events and
 * report of the range the page loaded equal what the API returns for that same range.
 */
@ExtendWith(SharedBrowser.class)
class DeviceViewBrowserTest {

  /** The page asks for positions 1000 at a time; a longer range must be read page by page. */
  private static final int PAGE_LIMIT = 1000;
  /** Event ids of the simulated vehicles' alarms and the names the page gives them. */
  private static final Map<Integer, String> ALARM_NAMES = Map.of(247, "crash", 255, "overSpeeding");

  private static RunningStack stack;
  private static Browser browser;
  private static Instant lastRecord;
  private DashboardPage page;

  @BeforeAll
  static void start(Browser shared) {
    stack = RunningStack.start(null);
    lastRecord = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    DemoFleet.deliver(stack, lastRecord);
    browser = shared;
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @BeforeEach
  void openFleet() {
    browser.viewport(1280, 800);
    page = DashboardPage.open(browser, stack.url("/?tiles=none"));
  }

  private List<JsonNode> positionsOfTheShownRange(String imei) {
    return stack.api().positions(imei, page.rangeFrom(), page.rangeTo());
  }

  @Test
  void trackHasOnePointPerPositionTheApiReturnsForTheRange() {
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("week");

    List<JsonNode> positions = positionsOfTheShownRange(DemoFleet.VAN.imei());
    long withFix = positions.stream().filter(DeviceViewBrowserTest::hasFix).count();
    assertTrue(positions.size() > PAGE_LIMIT, "the range spans several pages: " + positions.size());
    assertEquals(positions.size(), page.positionsShown());
    assertEquals(withFix, page.trackPoints());
  }

  @Test
  void customRangeLoadsExactlyThePositionsOfThatRange() {
    Instant to = lastRecord.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    Instant from = to.minus(Duration.ofMinutes(30));
    page.openFromList(DemoFleet.VAN.imei());

    page.chooseCustomRange(from, to);

    List<JsonNode> positions = positionsOfTheShownRange(DemoFleet.VAN.imei());
    assertEquals(from, page.rangeFrom());
    assertEquals(to, page.rangeTo());
    assertEquals(30 * 60 / DemoFleet.RECORD_EVERY.toSeconds(), positions.size());
    assertEquals(positions.size(), page.positionsShown());
    assertEquals(positions.size(), page.trackPoints());
    assertEquals(positions.size(), page.chartPoints("chart-speed"));
  }

  @Test
  void reportFiguresAreTheApiReportForTheRange() {
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("week");

    JsonNode report = stack.api().report(DemoFleet.VAN.imei(), page.rangeFrom(), page.rangeTo());
    assertTrue(report.get("distanceKm").asDouble() > 0, "the van drove: " + report);
    assertSameNumber(report.get("distanceKm"), page.reportValue("report-distance"));
    assertSameNumber(report.get("drivingSeconds"), page.reportValue("report-driving"));
    assertSameNumber(report.get("idleSeconds"), page.reportValue("report-idle"));
    assertSameNumber(report.get("stops"), page.reportValue("report-stops"));
    assertSameNumber(report.get("maxSpeedKmh"), page.reportValue("report-max-speed"));
    assertEquals(report.get("maxSpeedKmh").asInt() + " km/h", page.reportText("report-max-speed"));
    assertSameNumber(report.get("records"), page.reportValue("report-records"));
    assertSameNumber(report.get("temperature").get("min"), page.reportValue("report-temp-min"));
    assertSameNumber(report.get("temperature").get("max"), page.reportValue("report-temp-max"));
    assertSameNumber(report.get("temperature").get("avg"), page.reportValue("report-temp-avg"));
    Map<String, Long> eventCounts = new HashMap<>();
    report.get("events").properties().forEach(entry -> {
      if (entry.getValue().asLong() > 0) {
        eventCounts.put(entry.getKey(), entry.getValue().asLong());
      }
    });
    assertEquals(eventCounts, page.reportEventCounts());
  }

  @Test
  void chartsPlotSpeedAndTemperatureOfEveryPosition() {
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("hour");

    List<JsonNode> positions = positionsOfTheShownRange(DemoFleet.VAN.imei());
    long withTemperature = positions.stream().filter(record -> record.get("sensors").has("temperature1C")).count();
    assertTrue(positions.size() > 0, "the last hour has positions");
    assertEquals(positions.size(), page.chartPoints("chart-speed"));
    assertEquals(withTemperature, page.chartPoints("chart-temperature"));
    assertTrue(page.chartInk("chart-speed") > 0, "speed chart canvas has drawing");
    assertTrue(page.chartInk("chart-temperature") > 0, "temperature chart canvas has drawing");
  }

  @Test
  void alarmsOfTheRangeAreListedAndMarkedOnTheMap() {
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("week");
    browser.screenshot("device-1280x800");

    List<JsonNode> events = stack.api().events(DemoFleet.VAN.imei(), page.rangeFrom(), page.rangeTo());
    assertFalse(events.isEmpty(), "the van's simulated drive has alarms");
    assertTrue(events.stream().anyMatch(event -> event.get("event").asInt() == 247), "one of them a crash");
    assertEquals(events.stream().map(event -> ALARM_NAMES.get(event.get("event").asInt())).toList(), page.listedEvents());
    assertEquals(events.stream().filter(DeviceViewBrowserTest::hasFix).count(), page.eventMarkers());
  }

  @Test
  void deviceThatNeverReportedSaysThereAreNoPositions() {
    page.openFromList(DemoFleet.SPARE.imei());
    page.chooseRange("week");

    assertEquals(List.of(), positionsOfTheShownRange(DemoFleet.SPARE.imei()));
    assertEquals(0, page.trackPoints());
    assertEquals("empty", browser.find("#device-message").getDomAttribute("data-state"));
    assertTrue(page.deviceMessage().startsWith("No positions in this range"), page.deviceMessage());
  }

  @Test
  void dailyReportLinkDownloadsTheApiCsv() {
    page.openFromList(DemoFleet.VAN.imei());

    List<String> answer = page.fetchInPage(page.dailyCsvHref());

    assertTrue(page.dailyCsvHref().contains("/api/reports/daily?date=" + page.dailyDate()), page.dailyCsvHref());
    assertTrue(page.dailyCsvHref().endsWith("&format=csv"), page.dailyCsvHref());
    assertEquals("200", answer.get(0));
    assertTrue(answer.get(1).startsWith("text/csv"), answer.get(1));
    assertEquals(stack.api().dailyCsv(page.dailyDate()), answer.get(2));
  }

  @Test
  void phoneWidthShowsTheDeviceViewWithoutSidewaysScrolling() {
    browser.viewport(390, 844);
    page = DashboardPage.open(browser, stack.url("/?tiles=none"));
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("week");
    browser.screenshot("device-390x844");

    assertEquals(390L, browser.script("return document.documentElement.scrollWidth"));
    assertEquals(positionsOfTheShownRange(DemoFleet.VAN.imei()).size(), page.chartPoints("chart-speed"));
    assertTrue(page.chartInk("chart-speed") > 0, "speed chart canvas has drawing");
  }

  /** Coordinates the device had a fix for: without one it repeats its last position, flagged not valid. */
  private static boolean hasFix(JsonNode record) {
    return record.hasNonNull("lat") && record.path("valid").asBoolean(true);
  }

  private static void assertSameNumber(JsonNode expected, String shown) {
    assertEquals(expected.asDouble(), Double.parseDouble(shown), 0.0, "shown " + shown + ", API " + expected);
  }
}
