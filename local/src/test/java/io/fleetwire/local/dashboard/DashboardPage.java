package io.fleetwire.local.dashboard;

import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a test reads and does on the dashboard, through the page's stable hooks ({@code data-imei},
 * {@code data-testid}, {@code data-marker-count}, {@code data-track-points}, ...) rather than
 * pixels.
 */
public final class DashboardPage {

  private final Browser browser;

  private DashboardPage(Browser browser) {
    this.browser = browser;
  }

  /** Opens the page and waits until the first device list and map answers (or failures) are shown. */
  public static DashboardPage open(Browser browser, String url) {
    browser.open(url);
    DashboardPage page = new DashboardPage(browser);
    browser.waitUntil("the fleet list to leave its loading state",
        driver -> !"loading".equals(page.fleetMessageState()));
    browser.waitUntil("the map to leave its loading state", driver -> !"loading".equals(page.mapState()));
    return page;
  }

  /** Opens the fleet view of a stack in a desktop-sized viewport, without map tiles, with more address parameters. */
  static DashboardPage openFleet(Browser browser, RunningStack stack, String query) {
    browser.viewport(1280, 800);
    return open(browser, stack.url("/?tiles=none" + query));
  }

  public Browser browser() {
    return browser;
  }

  public String fleetMessageState() {
    return browser.find("#fleet-message").getDomAttribute("data-state");
  }

  public String fleetMessage() {
    return browser.find("#fleet-message").getText();
  }

  public String apiStatus() {
    return browser.find("#api-status").getText();
  }

  /** How many device list answers the page has shown since it loaded (it refreshes on its own). */
  public int refreshes() {
    String count = browser.find("#api-status").getDomAttribute("data-refreshes");
    return count == null ? 0 : Integer.parseInt(count);
  }

  /** Waits until the page has refreshed the fleet {@code more} more times. */
  public void awaitRefreshes(int more) {
    int target = refreshes() + more;
    browser.waitUntil(more + " automatic refreshes", driver -> refreshes() >= target);
  }

  // The list is re-rendered on every refresh: rows are read in one script call, never held.

  @SuppressWarnings("unchecked")
  public List<String> listedImeis() {
    return (List<String>) browser.script(
        "return [...document.querySelectorAll('#device-list [data-imei]')].map(row => row.dataset.imei)");
  }

  public String rowText(String imei) {
    return (String) browser.script(
        "const row = document.querySelector(`#device-list [data-imei='${arguments[0]}']`);"
            + "return row ? row.innerText : null", imei);
  }

  public boolean rowSelected(String imei) {
    return Boolean.TRUE.equals(browser.script(
        "const row = document.querySelector(`#device-list [data-imei='${arguments[0]}']`);"
            + "return row !== null && row.getAttribute('aria-selected') === 'true'", imei));
  }

  /** The value shown for one fact in a device's row: speed, ignition, voltage, temperature, event, last-seen. */
  public String rowField(String imei, String field) {
    return (String) browser.script(
        "const cell = document.querySelector(`#device-list [data-imei='${arguments[0]}'] [data-field='${arguments[1]}']`);"
            + "return cell ? (cell.querySelector('.value') || cell).innerText : null", imei, field);
  }

  /** Types into the search box and waits until the list shows the server's answer for it. */
  public void filter(String text) {
    WebElement filter = browser.find("#fleet-filter");
    filter.clear();
    filter.sendKeys(text);
    browser.waitUntil("the list searched for '" + text + "'", driver -> text.strip().equals(listAttribute("data-query"))
        && "ready".equals(listAttribute("data-state")));
  }

  private String listAttribute(String name) {
    return browser.find("#device-list").getDomAttribute(name);
  }

  /** The list's page, counted from 0. */
  public int listPage() {
    return Integer.parseInt(listAttribute("data-page"));
  }

  public boolean nextPageEnabled() {
    return browser.find("#page-next").isEnabled() && browser.find("#fleet-pager").isDisplayed();
  }

  public void nextPage() {
    turnPage("#page-next", listPage() + 1);
  }

  public void previousPage() {
    turnPage("#page-previous", listPage() - 1);
  }

  private void turnPage(String button, int page) {
    browser.find(button).click();
    browser.waitUntil("page " + page + " of the list",
        driver -> listPage() == page && "ready".equals(listAttribute("data-state")));
  }

  /** The paths and queries of the API requests the page made (resource timing), then forgets them. */
  @SuppressWarnings("unchecked")
  public List<String> takeApiRequests() {
    return (List<String>) browser.script("""
        const urls = performance.getEntriesByType('resource').map(entry => new URL(entry.name))
          .filter(url => url.pathname.includes('/api/')).map(url => url.pathname + url.search);
        performance.clearResourceTimings();
        return urls;""");
  }

  /** A figure of the header's fleet summary: devices, online, offline, moving, openAlerts. */
  public long fleetFigure(String figure) {
    return Long.parseLong(browser.find("#fleet-counts [data-figure='" + figure + "'] dd").getDomAttribute("data-value"));
  }

  public String fleetFigureText(String figure) {
    return browser.find("#fleet-counts [data-figure='" + figure + "'] dd").getText();
  }

  public String filterValue() {
    return browser.find("#fleet-filter").getDomProperty("value");
  }

  public int markerCount() {
    return Integer.parseInt(browser.find("#map").getDomAttribute("data-marker-count"));
  }

  public String mapState() {
    return browser.find("#map").getDomAttribute("data-state");
  }

  /** How many fleet/map answers the map has drawn since the page loaded. */
  public int mapViews() {
    return Integer.parseInt(browser.find("#map").getDomAttribute("data-views"));
  }

  /** The zoom the drawn answer was asked for. */
  public int mapZoom() {
    return Integer.parseInt(browser.find("#map").getDomAttribute("data-zoom"));
  }

  /** The count on every cluster bubble drawn. */
  @SuppressWarnings("unchecked")
  public List<Long> clusterCounts() {
    return (List<Long>) browser.script(
        "return [...document.querySelectorAll('#map .cluster')].map(bubble => Number(bubble.dataset.count))");
  }

  /** Clicks the (first) bubble of this count and waits for the map to draw the view it zoomed into. */
  public void clickCluster(long count) {
    int views = mapViews();
    browser.find("#map .cluster[data-count='" + count + "']").click();
    browser.waitUntil("the view zoomed into the cluster", driver -> mapViews() > views && "ready".equals(mapState()));
  }

  /** Whether every pin and bubble lies inside the map's visible area. */
  public boolean allMarkersInView() {
    return Boolean.TRUE.equals(browser.script("""
        const map = document.querySelector('#map').getBoundingClientRect();
        return [...document.querySelectorAll('#map .pin, #map .cluster')].every(marker => {
          const box = marker.getBoundingClientRect();
          const x = box.left + box.width / 2;
          const y = box.top + box.height / 2;
          return x >= map.left && x <= map.right && y >= map.top && y <= map.bottom;
        });"""));
  }

  /** Whether the names beside the pins are shown. */
  public boolean pinLabelsShown() {
    return Boolean.TRUE.equals(browser.script("""
        const label = document.querySelector('#map .pin .pin-label');
        return label !== null && getComputedStyle(label).display !== 'none';"""));
  }

  public List<String> markerImeis() {
    return browser.findAll("#map .pin[data-imei]").stream().map(pin -> pin.getDomAttribute("data-imei")).toList();
  }

  public String tilesState() {
    return browser.find("#map").getDomAttribute("data-tiles");
  }

  public String mapNote() {
    return browser.find("#map-note").getText();
  }

  /** Clicks the device's row and waits for its device view to finish loading. */
  public void openFromList(String imei) {
    browser.find("#device-list [data-imei='" + imei + "']").click();
    awaitDevice(imei);
  }

  public void openFromMap(String imei) {
    browser.find("#map .pin[data-imei='" + imei + "']").click();
    awaitDevice(imei);
  }

  /** Clicks a range preset (hour, today, yesterday, week) and waits for the new range to load. */
  public void chooseRange(String preset) {
    browser.find("#device-view [data-range='" + preset + "']").click();
    awaitDeviceLoaded();
  }

  /** Picks "Custom", types the range (the browser's local time, minute precision) and applies it. */
  public void chooseCustomRange(Instant from, Instant to) {
    browser.find("#device-view [data-range='custom']").click();
    browser.script("""
        const local = (ms) => { const d = new Date(ms); return new Date(ms - d.getTimezoneOffset() * 60000)
            .toISOString().slice(0, 16); };
        document.querySelector('#range-from').value = local(arguments[0]);
        document.querySelector('#range-to').value = local(arguments[1]);""", from.toEpochMilli(), to.toEpochMilli());
    browser.find("#custom-range button[type='submit']").click();
    awaitDeviceLoaded();
  }

  public void backToFleet() {
    browser.find("#back-to-fleet").click();
    browser.waitUntil("the fleet view", driver -> browser.find("#fleet-view").isDisplayed());
  }

  private void awaitDevice(String imei) {
    browser.waitUntil("device view of " + imei,
        driver -> browser.find("#device-view").isDisplayed() && imei.equals(browser.find("#device-imei").getText()));
    awaitDeviceLoaded();
  }

  private void awaitDeviceLoaded() {
    browser.waitUntil("the device's track, events and report",
        driver -> !"loading".equals(browser.find("#device-view").getDomAttribute("data-state")));
  }

  public String deviceState() {
    return browser.find("#device-view").getDomAttribute("data-state");
  }

  public String deviceMessage() {
    return browser.find("#device-message").getText();
  }

  /** The start of the range the device view loaded. */
  public Instant rangeFrom() {
    return Instant.parse(browser.find("#device-view").getDomAttribute("data-from"));
  }

  /** The (exclusive) end of the range the device view loaded. */
  public Instant rangeTo() {
    return Instant.parse(browser.find("#device-view").getDomAttribute("data-to"));
  }

  public int positionsShown() {
    return Integer.parseInt(browser.find("#device-view").getDomAttribute("data-positions"));
  }

  public int trackPoints() {
    return Integer.parseInt(browser.find("#map").getDomAttribute("data-track-points"));
  }

  public int eventMarkers() {
    return Integer.parseInt(browser.find("#map").getDomAttribute("data-event-markers"));
  }

  public List<String> listedEvents() {
    return browser.findAll("#event-list [data-event]").stream().map(item -> item.getDomAttribute("data-event")).toList();
  }

  /** The raw number behind a report figure ({@code data-value}), e.g. {@code report-distance}. */
  public String reportValue(String testId) {
    return browser.find("[data-testid='" + testId + "']").getDomAttribute("data-value");
  }

  public String reportText(String testId) {
    return browser.find("[data-testid='" + testId + "']").getText();
  }

  /** The report's event counts as shown: name to count. */
  @SuppressWarnings("unchecked")
  public Map<String, Long> reportEventCounts() {
    return (Map<String, Long>) browser.script("""
        return Object.fromEntries([...document.querySelectorAll("[data-testid='report-events'] [data-event]")]
          .map(chip => [chip.dataset.event, Number(chip.dataset.count)]));""");
  }

  public int chartPoints(String chartId) {
    return Integer.parseInt(browser.find("#" + chartId).getDomAttribute("data-points"));
  }

  /** Pixels of a chart's canvas that are not transparent: zero means nothing was drawn. */
  public long chartInk(String chartId) {
    Object ink = browser.script("""
        const canvas = document.querySelector('#' + arguments[0] + ' canvas');
        if (!canvas || canvas.width === 0 || canvas.height === 0) { return 0; }
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let ink = 0;
        for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { ink++; } }
        return ink;""", chartId);
    return ((Number) ink).longValue();
  }

  /** The UTC day the daily report link is for. */
  public LocalDate dailyDate() {
    return LocalDate.parse(browser.find("#daily-date").getDomProperty("value"));
  }

  public String dailyCsvHref() {
    return browser.find("#daily-csv").getDomProperty("href");
  }

  /** Fetches a URL from inside the page (same origin, same cookies) and returns status, type and body. */
  public List<String> fetchInPage(String url) {
    @SuppressWarnings("unchecked")
    List<String> answer = (List<String>) browser.asyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async (response) => done([String(response.status),
            response.headers.get('content-type') || '', await response.text()]))
          .catch((error) => done(['0', '', String(error)]));""", url);
    return answer;
  }
}
