package io.fleetwire.benchmarks.fleet;

import io.fleetwire.azure.cosmos.CosmosAlertStore;
import io.fleetwire.azure.cosmos.CosmosReadCounter;
import io.fleetwire.azure.cosmos.CosmosServerStores;
import io.fleetwire.azure.cosmos.CosmosTelemetryStore;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.simulator.Imei;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.EncodedRecord;
import io.fleetwire.simulator.vehicle.FleetLayout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Documents one dashboard refresh reads on the Azure path: the Functions API core over the Cosmos
 * stores, on the Cosmos test server, with a fleet of {@code devices} ingested (each device's
 * latest record, laid out as the simulator lays out its fleet, all changed within the refresh's
 * change window as in a fleet that is all moving). One refresh is what the page asks every 10 s:
 * the summary, the map of the whole world, the changes since the previous refresh (a page of 25)
 * and, since a fleet that all moved has more changes than a page, the visible list page again.
 * Each request's reads come from the stores' own counters (queries, pages, documents or aggregate
 * values returned, request units), read before and after it.
 */
final class CosmosRefreshReads {
  static final String IMEI_PREFIX = "35630705";
  private static final int UPSERT_BATCH = 100;
  private static final int PAGE_SIZE = 25;

  /** What one request of the refresh read, from both stores' counters. */
  record Step(String request, int status, CosmosReadCounter.Reads reads) {
    String line() {
      return String.format(Locale.ROOT, "%-58s %d  queries %3d  pages %3d  documents %5d  RU %8.2f",
          request, status, reads.queries(), reads.pages(), reads.items(), reads.requestCharge());
    }
  }

  private final int devices;

  CosmosRefreshReads(int devices) {
    this.devices = devices;
  }

  /** Ingests the fleet into a new database, then runs one refresh and reports each request's reads. */
  List<Step> run(Consumer<String> progress) {
    Clock clock = Clock.systemUTC();
    CosmosServerStores.Fleet fleet = CosmosServerStores.fleet(clock);
    CosmosTelemetryStore telemetry = (CosmosTelemetryStore) fleet.telemetry();
    CosmosAlertStore alerts = (CosmosAlertStore) fleet.alerts();
    Instant ingestStart = clock.instant();
    ingest(telemetry, ingestStart, progress);
    progress.accept(String.format(Locale.ROOT, "ingested %d devices into the Cosmos test server in %d s", devices,
        Duration.between(ingestStart, clock.instant()).toSeconds()));
    FleetApi api = new FleetApi(telemetry, null, CommandDispatcher.none(), null, alerts, null, () -> true, clock,
        FleetApi.DEFAULT_ONLINE_WINDOW);
    Map<String, Map<String, String>> refresh = new LinkedHashMap<>();
    refresh.put("/api/fleet/summary", Map.of());
    refresh.put("/api/fleet/map", Map.of("bbox", "-180,-85,180,85", "zoom", "2"));
    refresh.put("/api/devices?changedSince", Map.of("changedSince", ingestStart.minusSeconds(5).toString(),
        "limit", String.valueOf(PAGE_SIZE)));
    refresh.put("/api/devices", Map.of("limit", String.valueOf(PAGE_SIZE)));
    List<Step> steps = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> request : refresh.entrySet()) {
      String path = request.getKey().replace("?changedSince", "");
      CosmosReadCounter.Reads before = reads(telemetry, alerts);
      ApiResponse response = api.handle(ApiRequest.of("GET", path, request.getValue()));
      CosmosReadCounter.Reads read = reads(telemetry, alerts).minus(before);
      if (response.status() != 200) {
        throw new IllegalStateException("GET " + path + " " + request.getValue() + " answered " + response.status()
            + ": " + response.bodyText());
      }
      steps.add(new Step("GET " + path + " " + request.getValue(), response.status(), read));
    }
    return steps;
  }

  /** The totals of a refresh's steps. */
  static CosmosReadCounter.Reads total(List<Step> steps) {
    CosmosReadCounter.Reads sum = new CosmosReadCounter.Reads(0, 0, 0, 0);
    for (Step step : steps) {
      sum = plus(sum, step.reads());
    }
    return sum;
  }

  private static CosmosReadCounter.Reads plus(CosmosReadCounter.Reads a, CosmosReadCounter.Reads b) {
    return new CosmosReadCounter.Reads(a.queries() + b.queries(), a.pages() + b.pages(), a.items() + b.items(),
        a.requestCharge() + b.requestCharge());
  }

  private void ingest(CosmosTelemetryStore store, Instant at, Consumer<String> progress) {
    FleetLayout layout = new FleetLayout(1);
    List<Record> batch = new ArrayList<>(UPSERT_BATCH);
    for (int i = 0; i < devices; i++) {
      String imei = Imei.of(IMEI_PREFIX, i);
      EncodedRecord record = EncodedRecord.encode(imei, Codec.CODEC_8E,
          layout.member(i).vehicle().next(at.toEpochMilli(), true));
      batch.add(record.toContractRecord());
      if (batch.size() == UPSERT_BATCH || i == devices - 1) {
        store.upsert(batch);
        batch.clear();
      }
      if ((i + 1) % 1_000 == 0) {
        progress.accept("  " + (i + 1) + " devices ingested");
      }
    }
  }

  private static CosmosReadCounter.Reads reads(CosmosTelemetryStore telemetry, CosmosAlertStore alerts) {
    return plus(telemetry.readCounter().snapshot(), alerts.readCounter().snapshot());
  }
}
