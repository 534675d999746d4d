package io.fleetwire.benchmarks.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardRunTest {
  private static final Duration WINDOW = Duration.ofSeconds(20);

  private static String sent(String id, String url) {
    return "{\"message\":{\"method\":\"Network.requestWillBeSent\",\"params\":{\"requestId\":\"" + id
        + "\",\"request\":{\"url\":\"" + url + "\",\"method\":\"GET\"}}},\"webview\":\"x\"}";
  }

  private static String finished(String id, long bytes) {
    return "{\"message\":{\"method\":\"Network.loadingFinished\",\"params\":{\"requestId\":\"" + id
        + "\",\"encodedDataLength\":" + bytes + "}},\"webview\":\"x\"}";
  }

  @Test
  void sumsWireBytesByPathAndCountsRefreshesBySummaryRequests() {
    List<String> events = List.of(
        finished("0", 77),
        sent("1", "http://127.0.0.1:7071/api/fleet/summary"),
        "{\"message\":{\"method\":\"Network.dataReceived\",\"params\":{\"requestId\":\"1\",\"encodedDataLength\":999}}}",
        finished("1", 500),
        sent("2", "http://127.0.0.1:7071/api/devices?changedSince=2026-11-29T06:00:00Z&limit=25"),
        finished("2", 3_000),
        sent("3", "http://127.0.0.1:7071/api/fleet/summary"),
        finished("3", 520),
        sent("4", "http://127.0.0.1:7071/api/fleet/map?bbox=-11,35,31,62&zoom=4"));

    DashboardRun.Traffic traffic = DashboardRun.traffic(events, WINDOW);

    assertEquals(77 + 500 + 3_000 + 520, traffic.totalBytes());
    assertEquals(2, traffic.refreshes());
    assertEquals((77 + 500 + 3_000 + 520) / 2.0, traffic.bytesPerRefresh());
    assertEquals((77 + 500 + 3_000 + 520) / 2.0, traffic.bytesPer10Seconds());
    assertEquals(Map.of("(sent before the window)", 77L, "/api/fleet/summary", 1_020L, "/api/devices", 3_000L),
        traffic.bytesByPath());
    assertEquals(2, traffic.requestsByPath().get("/api/fleet/summary"));
  }

  @Test
  void aPageWithoutTheSummaryRouteRefreshesByListingDevices() {
    List<String> events = List.of(
        sent("1", "http://127.0.0.1:7071/api/devices"), finished("1", 140_000),
        sent("2", "http://127.0.0.1:7071/api/alerts?limit=50"), finished("2", 150),
        sent("3", "http://127.0.0.1:7071/api/devices"), finished("3", 140_100));

    DashboardRun.Traffic traffic = DashboardRun.traffic(events, WINDOW);

    assertEquals(2, traffic.refreshes());
    assertEquals(140_125.0, traffic.bytesPerRefresh());
  }

  @Test
  void percentilesAreNearestRank() {
    long[] nanos = new long[100];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }
    assertEquals(50.0, ApiLatency.percentile(nanos, 50));
    assertEquals(95.0, ApiLatency.percentile(nanos, 95));
    assertEquals(7.0, ApiLatency.percentile(new long[] {7_000_000L}, 95));
  }
}
