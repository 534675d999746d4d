package io.fleetwire.local.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the page says when there is nothing to show or the API cannot answer, and how it draws the map without tiles. */
@ExtendWith(SharedBrowser.class)
class DashboardStatesBrowserTest {

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

  @BeforeEach
  void desktop() {
    browser.viewport(1280, 800);
  }

  @Test
  void emptyFleetSaysThereAreNoDevicesYet() {
    try (RunningStack empty = RunningStack.start(null)) {
      DashboardPage page = DashboardPage.open(browser, empty.url("/?tiles=none"));

      assertEquals(0, empty.api().devices().size());
      assertEquals("empty", page.fleetMessageState());
      assertTrue(page.fleetMessage().startsWith("No devices yet."), page.fleetMessage());
      assertEquals(0, page.listedImeis().size());
      assertEquals(0, page.markerCount());
    }
  }

  /**
   * A fleet beyond one page of the list: the server's pages in IMEI order, one after the other by
   * its "next" tokens, and back again without a token.
   */
  @Test
  void fleetLargerThanAPageIsListedPageByPage() {
    try (RunningStack large = RunningStack.start(null)) {
      int count = 60;
      for (int i = 0; i < count; i++) {
        large.api().register(String.valueOf(359_632_100_000_000L + i), "Unit " + i);
      }
      List<String> imeis = large.api().devices().stream().map(device -> device.get("imei").asText()).toList();

      DashboardPage page = DashboardPage.open(browser, large.url("/?tiles=none"));
      List<String> first = page.listedImeis();
      page.nextPage();
      List<String> second = page.listedImeis();
      page.nextPage();
      List<String> third = page.listedImeis();
      boolean moreAfterThird = page.nextPageEnabled();
      page.previousPage();

      assertEquals(imeis.subList(0, 25), first);
      assertEquals(imeis.subList(25, 50), second);
      assertEquals(imeis.subList(50, 60), third);
      assertFalse(moreAfterThird, "the last page offers no next one");
      assertEquals(second, page.listedImeis(), "back to the second page");
    }
  }

  /**
   * The stack is stopped under the open page. Whether the page's next request is refused or, on
   * a connection the stopped server left open, never answered (bounded by {@code ?timeout=}),
   * the user reads that the API is unreachable.
   */
  @Test
  void stackThatStopsAnsweringShowsTheApiIsUnreachable() {
    RunningStack stopping = RunningStack.start(null);
    DashboardPage page;
    try {
      page = DashboardPage.open(browser, stopping.url("/?tiles=none&refresh=1&timeout=3"));
      assertEquals("empty", page.fleetMessageState());
    } finally {
      stopping.close();
    }

    browser.waitUntil("the next refresh to fail", driver -> "error".equals(page.fleetMessageState()));
    browser.screenshot("fleet-api-unreachable");

    assertTrue(page.fleetMessage().startsWith("API unreachable: /api/ did not answer"), page.fleetMessage());
    assertTrue(page.fleetMessage().contains("Retrying automatically."), page.fleetMessage());
    assertEquals("API unreachable", page.apiStatus());
  }

  @Test
  void unavailableStoreShowsTheStatusAndTheApiDetail() {
    try (StoreOutageServer outage = StoreOutageServer.start()) {
      DashboardPage page = DashboardPage.open(browser, outage.url("/?tiles=none"));
      browser.screenshot("fleet-api-unavailable");

      assertEquals("error", page.fleetMessageState());
      assertTrue(page.fleetMessage().contains("HTTP 503"), page.fleetMessage());
      assertTrue(page.fleetMessage().contains(StoreOutageServer.ERROR), page.fleetMessage());
      assertTrue(page.fleetMessage().contains(StoreOutageServer.DETAIL), page.fleetMessage());
      assertEquals("API error 503", page.apiStatus());
    }
  }

  @Test
  void markersRenderOnAPlainBackgroundWhenNoTileServerAnswers() throws IOException {
    String deadTiles = "http://127.0.0.1:" + closedPort() + "/{z}/{x}/{y}.png";
    browser.clearConsole();

    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=" + encode(deadTiles)));
    browser.waitUntil("the tile probe to fail", driver -> "unavailable".equals(page.tilesState()));

    assertEquals(DemoFleet.DRIVING.size(), page.markerCount());
    assertTrue(page.mapNote().startsWith("Map tiles unavailable"), page.mapNote());
    assertTrue(browser.severeConsoleErrors().size() <= 1, "one failed probe, not one error per tile");
  }

  @Test
  void configuredTileServerIsUsedWhenItAnswers() {
    try (TileServer tiles = TileServer.start()) {
      DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=" + encode(tiles.template())));
      browser.waitUntil("the tile layer", driver -> "on".equals(page.tilesState()));
      browser.waitUntil("tiles beyond the probe", driver -> tiles.requests() > 1);

      assertEquals(DemoFleet.DRIVING.size(), page.markerCount());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
