package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.simulator.teltonika.IoValue;
import io.fleetwire.simulator.teltonika.TrackerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard over the {@link LargeFleet} of three thousand devices: the map draws the server's
 * clusters and single devices for the visible box, the list pages and searches on the server, and
 * a refresh brings only what changed.
 */
@ExtendWith(SharedBrowser.class)
class LargeFleetBrowserTest {

  /** Most cluster clicks it may take to zoom from the fitted fleet down to the Rome depot's devices. */
  private static final int MAX_CLICKS = 6;

  private static RunningStack stack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    stack = RunningStack.start(null, store -> LargeFleet.seed(store, now));
    browser = shared;
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void fittedMapShowsClustersWhoseCountsAddUpToTheFleet() {
    DashboardPage page = DashboardPage.openFleet(browser, stack, "");
    browser.screenshot("large-fleet-1280x800");

    List<Long> clusters = page.clusterCounts();
    long clustered = clusters.stream().mapToLong(Long::longValue).sum();
    assertFalse(clusters.isEmpty(), "a fleet this dense is drawn as clusters");
    assertEquals(LargeFleet.DEVICES, clustered + page.markerCount(), "clusters " + clusters + " and single pins");
    assertEquals(List.of(LargeFleet.OSLO.imei(0)), page.markerImeis(), "the lone truck is drawn as itself");
    assertTrue(page.allMarkersInView(), "the first view is fitted to the whole fleet");
    assertTrue(page.markerCount() + clusters.size() < 100, "a handful of markers, not one per device");
    assertFalse(page.pinLabelsShown(), "no names written over a continent");
  }

  @Test
  void clickingAClusterZoomsInUntilItsDevicesAreDrawn() {
    DashboardPage page = DashboardPage.openFleet(browser, stack, "");
    int startZoom = page.mapZoom();

    for (int click = 0; click < MAX_CLICKS && !page.clusterCounts().isEmpty()
        && page.clusterCounts().contains((long) LargeFleet.ROME.devices()); click++) {
      page.clickCluster(LargeFleet.ROME.devices());
    }
    browser.screenshot("large-fleet-rome-depot");

    assertTrue(page.mapZoom() > startZoom, "zoomed in from " + startZoom + " to " + page.mapZoom());
    assertEquals(Set.copyOf(LargeFleet.ROME.imeis()), Set.copyOf(page.markerImeis()));
    assertEquals(List.of(), page.clusterCounts());
    assertTrue(page.allMarkersInView(), "the depot is in view");
    assertTrue(page.mapZoom() >= 13, "zoomed on to the depot's heap of pins, zoom " + page.mapZoom());
    assertTrue(page.pinLabelsShown(), "names are written at street zoom");
  }

  @Test
  void searchAsksTheServerAndPagesThroughTheMatches() {
    DashboardPage page = DashboardPage.openFleet(browser, stack, "");
    assertFalse(page.listedImeis().stream().anyMatch(LargeFleet.ROME.imeis()::contains),
        "the first page, by IMEI, holds no Rome courier");
    page.takeApiRequests();

    page.filter("rome");

    assertTrue(page.takeApiRequests().stream().anyMatch(url -> url.startsWith("/api/devices?") && url.contains("q=rome")),
        "the search went to the server");
    List<String> first = page.listedImeis();
    assertEquals(25, first.size());
    for (String imei : first) {
      assertTrue(page.rowText(imei).contains("Rome courier"), page.rowText(imei));
    }
    page.nextPage();
    List<String> second = page.listedImeis();
    assertFalse(page.nextPageEnabled(), "forty matches fill two pages");
    page.previousPage();
    assertEquals(first, page.listedImeis(), "back to the first page");

    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    assertEquals(Set.copyOf(LargeFleet.ROME.imeis()), all);
    assertEquals(LargeFleet.ROME.devices(), first.size() + second.size());
  }

  @Test
  void headerShowsTheFleetCountsTheServerKeeps() {
    DashboardPage page = DashboardPage.openFleet(browser, stack, "");
    JsonNode summary = stack.api().summary();

    assertEquals(LargeFleet.DEVICES, page.fleetFigure("devices"));
    assertEquals(String.valueOf(LargeFleet.DEVICES), page.fleetFigureText("devices").replaceAll("\\D", ""));
    for (String figure : List.of("devices", "online", "offline", "moving", "openAlerts")) {
      assertEquals(summary.get(figure).asLong(), page.fleetFigure(figure), figure);
    }
    assertEquals(LargeFleet.offlineCount(), page.fleetFigure("offline"));
    assertEquals(LargeFleet.DEVICES - LargeFleet.offlineCount(), page.fleetFigure("online"));
    assertEquals(LargeFleet.movingCount(), page.fleetFigure("moving"));
  }

  /**
   * The lone truck drives north (it stays online and stopped, as the summary test expects it) and
   * the first device of the list speeds up (it stays moving): the next refresh
   * moves the very same pin and updates the very same row, asking the list only for what changed.
   */
  @Test
  void aDeviceThatMovedIsRedrawnOnTheNextRefresh() {
    String truck = LargeFleet.OSLO.imei(0);
    DashboardPage page = DashboardPage.openFleet(browser, stack, "&refresh=1");
    String firstRow = page.listedImeis().get(0);
    WebElement pin = browser.find("#map .pin[data-imei='" + truck + "']");
    WebElement row = browser.find("#device-list [data-imei='" + firstRow + "']");
    int pinTop = pin.getRect().getY();
    page.takeApiRequests();

    long now = System.currentTimeMillis();
    SimulatedTracker.send(stack.tcpPort(), truck, List.of(trackerRecord(now, 60.41, 10.75, 0)));
    SimulatedTracker.send(stack.tcpPort(), firstRow, List.of(trackerRecord(now, 52.52, 13.40, 77)));
    browser.waitUntil("the truck's pin at its new position",
        driver -> "60.41".equals(pin.getDomAttribute("data-lat")) && "77 km/h".equals(page.rowField(firstRow, "speed")));

    // WebElements are equal when they are the same element of the page
    assertEquals(pin, browser.find("#map .pin[data-imei='" + truck + "']"), "the pin is moved, not redrawn");
    assertEquals(row, browser.find("#device-list [data-imei='" + firstRow + "']"), "the row is updated in place");
    assertTrue(pin.getRect().getY() < pinTop, "the pin moved up the screen (north)");
    List<String> requests = page.takeApiRequests();
    assertTrue(requests.stream().anyMatch(url -> url.startsWith("/api/devices?") && url.contains("changedSince=")),
        "the list asked only for what changed: " + requests);
    assertNotEquals(List.of(), requests.stream().filter(url -> url.startsWith("/api/fleet/map?bbox=")).toList());
  }

  private static TrackerRecord trackerRecord(long millis, double lat, double lon, int speed) {
    return new TrackerRecord(millis, 0, (int) Math.round(lon * 1e7), (int) Math.round(lat * 1e7), 35, 0, 9, speed,
        0, 0, new ArrayList<>(List.of(new IoValue(239, 1, 1))), List.of());
  }
}
