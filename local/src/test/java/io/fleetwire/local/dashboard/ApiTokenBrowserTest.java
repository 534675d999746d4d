package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local stack started with an API token: the page works when given the token and says so when it is not. */
@ExtendWith(SharedBrowser.class)
class ApiTokenBrowserTest {

  private static final String TOKEN = "s3cret-dashboard-token";

  private static RunningStack stack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    stack = RunningStack.start(TOKEN);
    DemoFleet.deliver(stack, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    browser = shared;
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** The page keeps a given token for the tab: each test starts from a tab that has none. */
  @BeforeEach
  void forgetToken() {
    browser.viewport(1280, 800);
    browser.open(stack.url("/api/health"));
    browser.script("sessionStorage.clear()");
  }

  @Test
  void pageOpenedWithTheTokenShowsTheFleet() {
    List<String> imeis = stack.api().devices().stream().map(device -> device.get("imei").asText()).toList();

    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none&token=" + TOKEN));

    assertEquals(Set.copyOf(imeis), Set.copyOf(page.listedImeis()));
    assertEquals(DemoFleet.DRIVING.size(), page.markerCount());
    page.openFromList(DemoFleet.VAN.imei());
    page.chooseRange("hour");
    List<JsonNode> positions = stack.api().positions(DemoFleet.VAN.imei(), page.rangeFrom(), page.rangeTo());
    assertEquals(positions.size(), page.trackPoints());
  }

  @Test
  void tokenLeavesTheAddressBarAndStaysForTheTab() {
    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none&token=" + TOKEN));

    assertEquals("ready", page.fleetMessageState());
    assertFalse(browser.driver().getCurrentUrl().contains(TOKEN), browser.driver().getCurrentUrl());
    assertEquals(TOKEN, browser.script("return sessionStorage.getItem('fleetwire.apiToken')"));
  }

  @Test
  void pageOpenedWithoutTheTokenSaysItNeedsOne() {
    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none"));
    browser.screenshot("fleet-token-needed");

    assertEquals("unauthorized", page.fleetMessageState());
    assertTrue(page.fleetMessage().startsWith("This server needs an API token."), page.fleetMessage());
    assertTrue(page.fleetMessage().contains("?token="), page.fleetMessage());
    assertEquals("API token needed", page.apiStatus());
    assertEquals(0, page.listedImeis().size());
  }
}
