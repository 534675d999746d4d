package io.fleetwire.local.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedBrowser.class)
class FleetViewBrowserTest {

  private static final String VAN = "352093081452251";
  private static final String REEFER = "352093081452269";
  private static final String TRAILER = "352093081452277";

  private static FixtureApiServer api;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    api = FixtureApiServer.start();
    browser = shared;
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private DashboardPage openFleet(String query) {
    browser.viewport(1280, 800);
    return DashboardPage.open(browser, api.url("/?tiles=none" + query));
  }

  @Test
  void listsEveryDeviceTheApiReturns() {
    DashboardPage page = openFleet("");

    assertEquals(Set.copyOf(api.fleet().imeis()), Set.copyOf(page.listedImeis()));
    assertEquals(api.fleet().imeis().size(), page.listedImeis().size());
    assertTrue(page.rowText(VAN).contains(api.fleet().name(VAN)), page.rowText(VAN));
  }

  @Test
  void rowsShowStatusSpeedIgnitionVoltageTemperatureAndLastEvent() {
    DashboardPage page = openFleet("");

    assertTrue(page.rowField(VAN, "last-seen").matches("Online · \\d+ (s|min) ago"), page.rowField(VAN, "last-seen"));
    assertEquals("Offline · 3 h ago", page.rowField(TRAILER, "last-seen"));
    assertEquals("SPEED\n60 km/h", page.rowField(VAN, "speed"));
    assertEquals("IGNITION\nOn", page.rowField(VAN, "ignition"));
    assertEquals("POWER\n13.8 V", page.rowField(VAN, "voltage"));
    assertEquals("TEMP\n-17.9 °C", page.rowField(REEFER, "temperature"));
    assertEquals("EVENT\nTowing", page.rowField(TRAILER, "event"));
  }

  @Test
  void mapHasOneMarkerPerDeviceWithAPosition() {
    DashboardPage page = openFleet("");
    browser.screenshot("fleet-1280x800");

    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
    assertEquals(Set.copyOf(api.fleet().imeisWithPosition()), Set.copyOf(page.markerImeis()));
  }

  @Test
  void filterNarrowsTheListAndSurvivesAutoRefresh() {
    DashboardPage page = openFleet("&refresh=1");
    page.filter("reefer");
    int requestsBefore = api.deviceListRequests();

    browser.waitUntil("two automatic refreshes", driver -> api.deviceListRequests() >= requestsBefore + 2);

    assertEquals(List.of(REEFER), page.listedImeis());
    assertEquals("reefer", page.filterValue());
  }

  @Test
  void clickingAMarkerOpensThatDevice() {
    DashboardPage page = openFleet("");

    page.openFromMap(REEFER);

    assertEquals(api.fleet().name(REEFER), browser.find("#device-title").getText());
    assertTrue(browser.driver().getCurrentUrl().endsWith("#/device/" + REEFER), browser.driver().getCurrentUrl());
  }

  @Test
  void theLastOpenedDeviceStaysSelectedAcrossRefreshes() {
    DashboardPage page = openFleet("&refresh=1");
    page.openFromList(VAN);
    page.backToFleet();
    int requestsBefore = api.deviceListRequests();

    browser.waitUntil("two automatic refreshes", driver -> api.deviceListRequests() >= requestsBefore + 2);

    assertTrue(page.rowSelected(VAN), "the van stays selected");
    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
  }

  @Test
  void pageWorksWhenServedAtTheAzurePath() {
    browser.viewport(1280, 800);
    DashboardPage page = DashboardPage.open(browser, api.url("/api/dashboard?tiles=none"));

    assertEquals(Set.copyOf(api.fleet().imeis()), Set.copyOf(page.listedImeis()));
    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
  }

  @Test
  void phoneWidthShowsTheWholeListWithoutSidewaysScrolling() {
    browser.viewport(390, 844);
    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=none"));
    browser.screenshot("fleet-390x844");

    assertEquals(api.fleet().imeis().size(), page.listedImeis().size());
    assertEquals(390L, browser.script("return document.documentElement.scrollWidth"));
    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
  }

  @Test
  void browsingFleetAndDeviceLeavesNoConsoleErrors() {
    browser.clearConsole();
    DashboardPage page = openFleet("");
    page.openFromList(VAN);
    page.chooseRange("week");
    page.backToFleet();

    assertEquals(List.of(), browser.severeConsoleErrors());
  }
}
