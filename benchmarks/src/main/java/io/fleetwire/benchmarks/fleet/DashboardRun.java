package io.fleetwire.benchmarks.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fleetwire.local.dashboard.Browser;
import org.openqa.selenium.chromium.HasCdp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard in headless Chromium, driven by URL and stable element ids only, so it measures
 * whatever page the build serves.
 *
 * <p><b>Time until interactive</b>: from navigation start ({@code performance.timeOrigin}) to the
 * start of the first animation frame in which the map reports at least one marker or cluster drawn
 * ({@code #map}'s {@code data-marker-count} + {@code data-cluster-count} > 0) and the device list
 * holds at least one row ({@code #device-list li}). A probe installed before any page script
 * ({@code Page.addScriptToEvaluateOnNewDocument}) watches the DOM and stamps that frame. Each run
 * uses a fresh browser profile: nothing cached.
 *
 * <p><b>Bytes per refresh</b>: after the page is interactive and has settled, every response that
 * finishes within the window is summed as Chrome counts it on the wire
 * ({@code Network.loadingFinished.encodedDataLength}: headers and body as transferred, compressed
 * where compressed), from the DevTools performance log; refreshes are counted by the page's
 * {@code /api/fleet/summary} requests (one per refresh), or, for a page without them (the page
 * before the fleet routes), by its {@code /api/devices} requests.
 */
final class DashboardRun {
  static final int WIDTH = 1280;
  static final int HEIGHT = 800;
  private static final Duration INTERACTIVE_PATIENCE = Duration.ofSeconds(60);
  private static final String SUMMARY_PATH = "/api/fleet/summary";
  private static final String DEVICES_PATH = "/api/devices";
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String INTERACTIVE_PROBE = """
      (() => {
        const ready = () => {
          const map = document.getElementById('map');
          const list = document.getElementById('device-list');
          if (!map || !list) {
            return false;
          }
          const drawn = Number(map.dataset.markerCount || 0) + Number(map.dataset.clusterCount || 0);
          return drawn > 0 && list.querySelector('li') !== null;
        };
        let seen = false;
        const check = () => {
          if (!seen && ready()) {
            seen = true;
            observer.disconnect();
            requestAnimationFrame(frameStart => { window.__fleetwireInteractiveAt = frameStart; });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document, {subtree: true, childList: true, attributes: true});
      })();
      """;

  /** One page load: time until interactive and, for context, until DOMContentLoaded, in ms. */
  record Load(double interactiveMillis, double domContentLoadedMillis) {
  }

  /** Bytes of the responses finished in the window, by path, and the refreshes the page made in it. */
  record Traffic(Duration window, int refreshes, long totalBytes, Map<String, Long> bytesByPath,
      Map<String, Integer> requestsByPath) {
    double bytesPerRefresh() {
      return refreshes == 0 ? Double.NaN : (double) totalBytes / refreshes;
    }

    double bytesPer10Seconds() {
      return totalBytes * 10_000.0 / window.toMillis();
    }

    List<String> lines() {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "%,d bytes in %d s, %d refreshes: %,.0f bytes per refresh, %,.0f bytes per 10 s",
          totalBytes, window.toSeconds(), refreshes, bytesPerRefresh(), bytesPer10Seconds()));
      bytesByPath.forEach((path, bytes) -> lines.add(String.format(Locale.ROOT, "  %-40s %4d requests %,10d bytes",
          path, requestsByPath.get(path), bytes)));
      return lines;
    }
  }

  private final String url;

  /** {@code url} of the page, with {@code ?token=} when the stack needs one. */
  DashboardRun(String url) {
    this.url = url;
  }

  /** Loads the page in a fresh browser and times it until interactive. */
  Load load() {
    try (Browser browser = Browser.start(WIDTH, HEIGHT)) {
      return openAndWait(browser);
    }
  }

  /**
   * Opens the page, waits until interactive and then {@code settle}, and sums the traffic of the
   * following {@code window}.
   */
  Traffic traffic(Duration settle, Duration window) throws InterruptedException {
    try (Browser browser = Browser.start(WIDTH, HEIGHT, true)) {
      openAndWait(browser);
      Thread.sleep(settle.toMillis());
      browser.devToolsEvents();
      Thread.sleep(window.toMillis());
      return traffic(browser.devToolsEvents(), window);
    }
  }

  private Load openAndWait(Browser browser) {
    ((HasCdp) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        Map.of("source", INTERACTIVE_PROBE));
    browser.open(url);
    long deadline = System.nanoTime() + INTERACTIVE_PATIENCE.toNanos();
    while (true) {
      Object at = browser.script("return window.__fleetwireInteractiveAt === undefined ? null"
          + " : [window.__fleetwireInteractiveAt, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd];");
      if (at instanceof List<?> times) {
        return new Load(((Number) times.get(0)).doubleValue(), ((Number) times.get(1)).doubleValue());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the page at " + url + " showed no map markers and list rows within "
            + INTERACTIVE_PATIENCE + "; console: " + browser.severeConsoleErrors());
      }
      sleepQuietly(50);
    }
  }

  /** Sums {@code Network.loadingFinished} sizes, attributing each to its request's path. */
  static Traffic traffic(List<String> events, Duration window) {
    Map<String, String> pathOfRequest = new HashMap<>();
    Map<String, Long> bytes = new TreeMap<>();
    Map<String, Integer> requests = new TreeMap<>();
    long total = 0;
    for (String event : events) {
      JsonNode message = readMessage(event);
      String method = message.path("method").asText();
      JsonNode params = message.path("params");
      String id = params.path("requestId").asText();
      if (method.equals("Network.requestWillBeSent")) {
        pathOfRequest.put(id, URI.create(params.path("request").path("url").asText()).getPath());
      } else if (method.equals("Network.loadingFinished")) {
        long size = params.path("encodedDataLength").asLong();
        String path = pathOfRequest.getOrDefault(id, "(sent before the window)");
        total += size;
        bytes.merge(path, size, Long::sum);
        requests.merge(path, 1, Integer::sum);
      }
    }
    int refreshes = requests.getOrDefault(SUMMARY_PATH, requests.getOrDefault(DEVICES_PATH, 0));
    return new Traffic(window, refreshes, total, bytes, requests);
  }

  private static JsonNode readMessage(String event) {
    try {
      return JSON.readTree(event).path("message");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unreadable DevTools event: " + event, e);
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the page", e);
    }
  }
}
