package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet view of the local stack with the simulated {@link DemoFleet}: what it shows is what the API returns. */
@ExtendWith(SharedBrowser.class)
class FleetViewBrowserTest {

  /** How the page names the event ids the simulated vehicles report. */
  private static final Map<Integer, String> EVENT_LABELS = Map.of(
      0, "–", 239, "Ignition change", 247, "Crash", 255, "Over-speeding");

  private static RunningStack stack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    stack = RunningStack.start(null);
    DemoFleet.deliver(stack, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    browser = shared;
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private DashboardPage openFleet(String query) {
    return DashboardPage.openFleet(browser, stack, query);
  }

  private static List<String> imeis(List<JsonNode> devices) {
    return devices.stream().map(device -> device.get("imei").asText()).toList();
  }

  private static List<String> imeisWithPosition(List<JsonNode> devices) {
    return devices.stream().filter(device -> hasLastValidPosition(device.get("last")))
        .map(device -> device.get("imei").asText()).toList();
  }

  /** Without a fix a record repeats the last valid coordinates; 0/0 without one means none is known. */
  private static boolean hasLastValidPosition(JsonNode last) {
    boolean zero = last.path("lat").asDouble() == 0.0 && last.path("lon").asDouble() == 0.0;
    return last.hasNonNull("lat") && !(zero && !last.path("valid").asBoolean(true));
  }

  @Test
  void listsEveryDeviceTheApiReturnsWithItsName() {
    List<JsonNode> devices = stack.api().devices();

    DashboardPage page = openFleet("");

    assertEquals(DemoFleet.members().size(), devices.size());
    assertEquals(Set.copyOf(imeis(devices)), Set.copyOf(page.listedImeis()));
    assertEquals(devices.size(), page.listedImeis().size());
    for (JsonNode device : devices) {
      String row = page.rowText(device.get("imei").asText());
      assertTrue(row.contains(device.get("name").asText()), row);
    }
  }

  @Test
  void rowsShowTheLastRecordOfEachDevice() {
    List<JsonNode> devices = stack.api().devices();

    DashboardPage page = openFleet("");

    for (JsonNode device : devices) {
      String imei = device.get("imei").asText();
      JsonNode last = device.get("last");
      if (last.isNull()) {
        assertEquals("Offline · never", page.rowField(imei, "last-seen"));
        assertEquals("–", page.rowField(imei, "speed"));
        continue;
      }
      JsonNode sensors = last.get("sensors");
      assertTrue(page.rowField(imei, "last-seen").matches("Online · \\d+ (s|min) ago"), page.rowField(imei, "last-seen"));
      assertEquals(last.get("speed").asInt() + " km/h", page.rowField(imei, "speed"));
      assertEquals(sensors.get("ignition").asDouble() != 0 ? "On" : "Off", page.rowField(imei, "ignition"));
      assertEquals(oneDecimal(sensors.get("externalVoltageV")) + " V", page.rowField(imei, "voltage"));
      assertEquals(oneDecimal(sensors.get("temperature1C")) + " °C", page.rowField(imei, "temperature"));
      assertEquals(EVENT_LABELS.get(last.get("event").asInt()), page.rowField(imei, "event"));
    }
  }

  @Test
  void mapHasOneMarkerPerDeviceWithAPosition() {
    List<JsonNode> devices = stack.api().devices();

    DashboardPage page = openFleet("");
    browser.screenshot("fleet-1280x800");

    assertEquals(DemoFleet.DRIVING.size(), imeisWithPosition(devices).size());
    assertEquals(imeisWithPosition(devices).size(), page.markerCount());
    assertEquals(Set.copyOf(imeisWithPosition(devices)), Set.copyOf(page.markerImeis()));
    assertEquals(List.of(), page.clusterCounts(), "six devices are drawn one by one");
    assertTrue(page.pinLabelsShown(), "a few devices are named on the map");
    assertTrue(page.allMarkersInView(), "the first view is fitted to the fleet");
  }

  @Test
  void filterNarrowsTheListAndSurvivesAutoRefresh() {
    DashboardPage page = openFleet("&refresh=1");
    page.filter("reefer");

    page.awaitRefreshes(2);

    assertEquals(List.of(DemoFleet.REEFER.imei()), page.listedImeis());
    assertEquals("reefer", page.filterValue());
  }

  /**
   * The boxes the map asks the server about ({@code viewBoxes} of the page's own module, given map
   * bounds west, south, east, north): the server's boxes never cross the antimeridian or leave the world.
   */
  @Test
  void viewsAcrossTheAntimeridianAreAskedAsTwoBoxes() {
    openFleet("");
    List<List<Double>> views = List.of(
        List.of(10.0, 40.0, 20.0, 50.0),
        List.of(165.0, -20.0, 190.0, -10.0),
        List.of(-190.0, -20.0, -165.0, -10.0),
        List.of(350.0, 40.0, 370.0, 50.0),
        List.of(-300.0, -89.0, 300.0, 89.0));

    Object boxes = browser.asyncScript("""
        const views = arguments[0];
        const done = arguments[arguments.length - 1];
        Promise.all([import(new URL('dashboard/map-view.js', document.baseURI).href),
            import(new URL('webjars/leaflet/1.9.4/dist/leaflet-src.esm.js', document.baseURI).href)])
          .then(([page, L]) => done(JSON.stringify(views.map(([west, south, east, north]) =>
            page.viewBoxes(L.latLngBounds([south, west], [north, east]))))));""", views);

    assertEquals("["
        + "[{\"box\":[10,40,20,50],\"shift\":0}],"
        + "[{\"box\":[165,-20,180,-10],\"shift\":0},{\"box\":[-180,-20,-170,-10],\"shift\":360}],"
        + "[{\"box\":[-180,-20,-165,-10],\"shift\":0},{\"box\":[170,-20,180,-10],\"shift\":-360}],"
        + "[{\"box\":[-10,40,10,50],\"shift\":360}],"
        + "[{\"box\":[-180,-85.05,180,85.05],\"shift\":0}]]", boxes);
  }

  @Test
  void clickingAMarkerOpensThatDevice() {
    DashboardPage page = openFleet("");

    page.openFromMap(DemoFleet.REEFER.imei());

    assertEquals(DemoFleet.REEFER.name(), browser.find("#device-title").getText());
    assertTrue(browser.driver().getCurrentUrl().endsWith("#/device/" + DemoFleet.REEFER.imei()),
        browser.driver().getCurrentUrl());
  }

  @Test
  void theLastOpenedDeviceStaysSelectedAcrossRefreshes() {
    DashboardPage page = openFleet("&refresh=1");
    page.openFromList(DemoFleet.VAN.imei());
    page.backToFleet();

    page.awaitRefreshes(2);

    assertTrue(page.rowSelected(DemoFleet.VAN.imei()), "the van stays selected");
    assertEquals(imeisWithPosition(stack.api().devices()).size(), page.markerCount());
  }

  @Test
  void pageWorksWhenServedAtTheAzurePath() {
    List<JsonNode> devices = stack.api().devices();
    browser.viewport(1280, 800);

    DashboardPage page = DashboardPage.open(browser, stack.url("/api/dashboard?tiles=none"));

    assertEquals(Set.copyOf(imeis(devices)), Set.copyOf(page.listedImeis()));
    assertEquals(imeisWithPosition(devices).size(), page.markerCount());
  }

  @Test
  void phoneWidthShowsTheWholeListWithoutSidewaysScrolling() {
    List<JsonNode> devices = stack.api().devices();
    browser.viewport(390, 844);

    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none"));
    browser.screenshot("fleet-390x844");

    assertEquals(devices.size(), page.listedImeis().size());
    assertEquals(390L, browser.script("return document.documentElement.scrollWidth"));
    assertEquals(imeisWithPosition(devices).size(), page.markerCount());
  }

  @Test
  void browsingFleetAndDeviceLeavesNoConsoleErrors() {
    browser.clearConsole();
    DashboardPage page = openFleet("");
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("week");
    page.backToFleet();
    page.openFromMap(DemoFleet.REEFER.imei());

    assertEquals(List.of(), browser.severeConsoleErrors());
  }

  /** A number as the page writes it with one decimal ({@code Number.toFixed(1)}: the exact binary value, half away from zero). */
  private static String oneDecimal(JsonNode value) {
    return new BigDecimal(value.asDouble()).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
