package io.fleetwire.local.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedBrowser.class)
class DashboardStatesBrowserTest {

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

  @BeforeEach
  void desktop() {
    browser.viewport(1280, 800);
  }

  @AfterEach
  void restoreFleet() {
    api.mode(FixtureApiServer.Mode.FLEET);
    api.requireToken(null);
  }

  @Test
  void emptyFleetSaysThereAreNoDevicesYet() {
    api.mode(FixtureApiServer.Mode.EMPTY);

    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=none"));

    assertEquals("empty", page.fleetMessageState());
    assertTrue(page.fleetMessage().startsWith("No devices yet."), page.fleetMessage());
    assertEquals(0, page.markerCount());
  }

  @Test
  void unavailableApiShowsItsStatusAndDetail() {
    api.mode(FixtureApiServer.Mode.UNAVAILABLE);

    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=none"));
    browser.screenshot("fleet-api-unavailable");

    assertEquals("error", page.fleetMessageState());
    assertTrue(page.fleetMessage().contains("HTTP 503"), page.fleetMessage());
    assertTrue(page.fleetMessage().contains(FixtureApiServer.UNAVAILABLE_ERROR), page.fleetMessage());
    assertTrue(page.fleetMessage().contains(FixtureApiServer.UNAVAILABLE_DETAIL), page.fleetMessage());
    assertEquals("API error 503", page.apiStatus());
  }

  @Test
  void markersRenderOnAPlainBackgroundWhenNoTileServerAnswers() throws IOException {
    String deadTiles = "http://127.0.0.1:" + closedPort() + "/{z}/{x}/{y}.png";
    int errorsBefore = browser.severeConsoleErrors().size();

    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=" + encode(deadTiles)));
    browser.waitUntil("the tile probe to fail", driver -> "unavailable".equals(page.tilesState()));

    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
    assertTrue(page.mapNote().startsWith("Map tiles unavailable"), page.mapNote());
    assertTrue(browser.severeConsoleErrors().size() - errorsBefore <= 1, "one failed probe, not one error per tile");
  }

  @Test
  void configuredTileServerIsUsedWhenItAnswers() {
    int tilesBefore = api.tileRequests();

    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=" + encode(api.url("/tiles/{z}/{x}/{y}.png"))));
    browser.waitUntil("the tile layer", driver -> "on".equals(page.tilesState()));
    browser.waitUntil("tiles beyond the probe", driver -> api.tileRequests() > tilesBefore + 1);

    assertEquals(api.fleet().imeisWithPosition().size(), page.markerCount());
  }

  @Test
  void tokenFromTheAddressIsSentAsBearerAndLeavesTheAddressBar() {
    api.requireToken("s3cret");

    DashboardPage page = DashboardPage.open(browser, api.url("/?tiles=none&token=s3cret"));

    assertEquals(Set.copyOf(api.fleet().imeis()), Set.copyOf(page.listedImeis()));
    assertTrue(!browser.driver().getCurrentUrl().contains("s3cret"), browser.driver().getCurrentUrl());
    assertEquals(List.of("s3cret"), List.of(browser.script("return sessionStorage.getItem('fleetwire.apiToken')")));
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
