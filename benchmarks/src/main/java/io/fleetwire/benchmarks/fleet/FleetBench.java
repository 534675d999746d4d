package io.fleetwire.benchmarks.fleet;

import io.fleetwire.benchmarks.load.FrontLoadRun.DurationOption;
import io.fleetwire.azure.cosmos.CosmosReadCounter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The fleet benchmark against a running local stack (normally {@code --demo 10000}, started by
 * {@code scripts/bench-fleet.sh}): API latency of the fleet routes, the dashboard's time until
 * interactive and its bytes per steady-state refresh in headless Chromium, and, with
 * {@code --cosmos-devices}, the documents one refresh reads on the Cosmos path. Prints one
 * section per figure; the definitions are in {@link ApiLatency}, {@link DashboardRun} and
 * {@link CosmosRefreshReads}.
 */
@Command(name = "fleet-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fleet-scale figures of the dashboard and its API.")
public final class FleetBench implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:7071/", description = "The stack's HTTP address (default ${DEFAULT-VALUE}).")
  URI url;

  @Option(names = "--token", description = "API token, when the stack requires one.")
  String token;

  @Option(names = "--requests", defaultValue = "200", description = "Timed requests per route (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup-requests", defaultValue = "20", description = "Untimed requests per route first (default ${DEFAULT-VALUE}).")
  int warmupRequests;

  @Option(names = "--fleet-box", defaultValue = "-11,35,31,62", description = "west,south,east,north of the fleet-wide map (default ${DEFAULT-VALUE}: the simulated fleet's Europe).")
  String fleetBox;

  @Option(names = "--fleet-zoom", defaultValue = "4", description = "Zoom of the fleet-wide map (default ${DEFAULT-VALUE}).")
  int fleetZoom;

  @Option(names = "--zoomed-box", defaultValue = "13.25,52.45,13.55,52.6", description = "Box of the zoomed map (default ${DEFAULT-VALUE}: central Berlin).")
  String zoomedBox;

  @Option(names = "--zoomed-zoom", defaultValue = "12", description = "Zoom of the zoomed map (default ${DEFAULT-VALUE}).")
  int zoomedZoom;

  @Option(names = "--loads", defaultValue = "3", description = "Page loads timed until interactive, each in a fresh browser; 0 skips the browser (default ${DEFAULT-VALUE}).")
  int loads;

  @Option(names = "--settle", defaultValue = "15s", converter = DurationOption.class, description = "After the page is interactive, wait this long before counting bytes (default ${DEFAULT-VALUE}).")
  Duration settle;

  @Option(names = "--window", defaultValue = "60s", converter = DurationOption.class, description = "Bytes are counted over this window (default ${DEFAULT-VALUE}: six 10 s refreshes).")
  Duration window;

  @Option(names = "--cosmos-devices", defaultValue = "0", description = "Devices ingested into the Cosmos test server for the reads per refresh; 0 skips it (default ${DEFAULT-VALUE}).")
  int cosmosDevices;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FleetBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "fleet benchmark %s: %d cores, load average %.2f, stack %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        url);
    ApiLatency api = new ApiLatency(url, token);
    out.println("== fleet as the API sees it: " + new String(api.get("/api/fleet/summary"), java.nio.charset.StandardCharsets.UTF_8));
    out.println("== API latency (sequential GETs, one kept-alive connection)");
    List<ApiLatency.Result> latencies = new ArrayList<>();
    latencies.add(api.measure("summary", "/api/fleet/summary", warmupRequests, requests));
    latencies.add(api.measure("map, fleet-wide (z" + fleetZoom + ")", mapPath(fleetBox, fleetZoom), warmupRequests, requests));
    latencies.add(api.measure("map, zoomed (z" + zoomedZoom + ")", mapPath(zoomedBox, zoomedZoom), warmupRequests, requests));
    latencies.forEach(result -> out.println(result.line()));
    if (loads > 0) {
      DashboardRun page = new DashboardRun(pageUrl());
      out.println("== time until interactive (navigation start to first frame with map markers/clusters and list rows)");
      double[] times = new double[loads];
      for (int i = 0; i < loads; i++) {
        DashboardRun.Load load = page.load();
        times[i] = load.interactiveMillis();
        out.printf(Locale.ROOT, "load %d: interactive %.0f ms (DOMContentLoaded %.0f ms)%n", i + 1,
            load.interactiveMillis(), load.domContentLoadedMillis());
      }
      Arrays.sort(times);
      out.printf(Locale.ROOT, "median %.0f ms over %d loads%n", times[loads / 2], loads);
      out.println("== bytes per steady-state refresh (DevTools encodedDataLength, after " + settle.toSeconds()
          + " s settling)");
      page.traffic(settle, window).lines().forEach(out::println);
    }
    if (cosmosDevices > 0) {
      out.println("== Cosmos reads per refresh, " + cosmosDevices + " devices on the Cosmos test server");
      List<CosmosRefreshReads.Step> steps = new CosmosRefreshReads(cosmosDevices).run(out::println);
      steps.forEach(step -> out.println(step.line()));
      CosmosReadCounter.Reads total = CosmosRefreshReads.total(steps);
      out.printf(Locale.ROOT, "one refresh: %d queries, %d pages, %d documents, %.2f RU%n", total.queries(),
          total.pages(), total.items(), total.requestCharge());
    }
    return 0;
  }

  private static String mapPath(String box, int zoom) {
    return "/api/fleet/map?bbox=" + box + "&zoom=" + zoom;
  }

  private String pageUrl() {
    return token == null ? url.toString() : url.resolve("/?token=" + token).toString();
  }
}
