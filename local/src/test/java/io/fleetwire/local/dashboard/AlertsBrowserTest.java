package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts on the dashboard of the local stack: open ones listed and on the map, geofences drawn, rules managed. */
@ExtendWith(SharedBrowser.class)
class AlertsBrowserTest {
  private static RunningStack stack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    stack = RunningStack.start(null);
    // every moving vehicle opens an alert; the depot fence is drawn
    stack.api().createRule("{\"id\":\"moving\",\"name\":\"Moving\",\"kind\":\"overspeed\",\"threshold\":1}");
    stack.api().createRule("{\"id\":\"depot\",\"name\":\"Depot\",\"kind\":\"geofence-exit\","
        + "\"geofence\":{\"lat\":54.6872,\"lon\":25.2797,\"radiusM\":500}}");
    DemoFleet.deliver(stack, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    browser = shared;
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private DashboardPage openFleet() {
    browser.viewport(1280, 900);
    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none"));
    browser.waitUntil("the alerts to load", driver -> !"0".equals(browser.find("#map").getDomAttribute("data-geofences")));
    return page;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> listedAlertIds() {
    return Set.copyOf((List<String>) browser.script(
        "return [...document.querySelectorAll('#alert-list [data-alert-id]')].map(li => li.dataset.alertId)"));
  }

  @Test
  void listsTheOpenAlertsTheApiReturnsAndMarksThemOnTheMap() {
    List<JsonNode> open = stack.api().openAlerts();

    openFleet();

    assertTrue(open.size() > 0, "the demo fleet's moving vehicles raised alerts");
    assertEquals(open.stream().map(a -> a.get("id").asText()).collect(Collectors.toSet()), listedAlertIds());
    assertEquals(String.valueOf(open.size()), browser.find("#alert-count").getText());
    long located = open.stream().filter(a -> a.hasNonNull("lat")).count();
    assertEquals(String.valueOf(located), browser.find("#map").getDomAttribute("data-alert-markers"));
    assertEquals(located, browser.findAll(".alert-pin").size());
    assertEquals("1", browser.find("#map").getDomAttribute("data-geofences"));
    assertEquals(1, browser.findAll("#map path.leaflet-interactive, #map path").stream()
        .filter(path -> "#b45309".equals(path.getDomAttribute("stroke"))).count(), "the fence is drawn as a circle");
  }

  @Test
  void anAlertOpensItsDevice() {
    openFleet();
    String text = (String) browser.script(
        "const first = document.querySelector('#alert-list [data-alert-id]'); first.click(); return first.textContent");

    browser.waitUntil("the device view", driver -> browser.find("#device-view").isDisplayed());
    String imei = browser.find("#device-imei").getText();
    assertTrue(text.contains(imei), text + " opened " + imei);
  }

  @Test
  void anAdministratorCreatesAndDeletesARule() {
    openFleet();
    browser.find("#rules summary").click();

    browser.find("#rule-form [name=name]").sendKeys("Reefer warm");
    new Select(browser.find("#rule-form [name=kind]")).selectByValue("temperature-above");
    browser.find("#rule-form [name=threshold]").sendKeys("8");
    browser.find("#rule-form [name=forSeconds]").sendKeys("600");
    browser.find("#rule-form button[type=submit]").click();

    // the list is re-rendered on every refresh: rows are read and clicked in one script call, never held
    browser.waitUntil("the new rule listed", driver -> (Boolean) browser.script(
        "return [...document.querySelectorAll('#rule-list li')].some(li => li.textContent.startsWith('Reefer warm'))"));
    JsonNode created = stack.api().rules().stream().filter(r -> r.get("name").asText().equals("Reefer warm"))
        .findFirst().orElseThrow();
    assertEquals(8.0, created.get("threshold").asDouble());
    assertEquals(600, created.get("forSeconds").asInt());
    assertTrue(created.get("devices").isNull());

    browser.script("document.querySelector(`#rule-list li[data-rule-id='${arguments[0]}'] button.rule-delete`).click()",
        created.get("id").asText());

    browser.waitUntil("the rule gone", driver -> browser.findAll("#rule-list li[data-rule-id='"
        + created.get("id").asText() + "']").isEmpty());
    assertTrue(stack.api().rules().stream().noneMatch(r -> r.get("name").asText().equals("Reefer warm")));
  }

  @Test
  void aRuleTheApiRefusesShowsWhy() {
    openFleet();
    browser.find("#rules summary").click();
    browser.find("#rule-form [name=name]").sendKeys("No zone");
    new Select(browser.find("#rule-form [name=kind]")).selectByValue("geofence-exit");
    browser.find("#rule-form [name=lat]").sendKeys("54.6");
    browser.find("#rule-form [name=lon]").sendKeys("25.2");
    browser.find("#rule-form button[type=submit]").click();

    browser.waitUntil("the refusal", driver -> "error".equals(browser.find("#rule-message").getDomAttribute("data-state")));
    assertTrue(browser.find("#rule-message").getText().contains("radiusM"), browser.find("#rule-message").getText());
  }
}
