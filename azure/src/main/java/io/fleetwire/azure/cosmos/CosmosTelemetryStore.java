package io.fleetwire.azure.cosmos;

import io.fleetwire.azure.AzureClients;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkItemRequestOptions;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store port on Azure Cosmos DB (NoSQL API); document shapes in {@link CosmosDocuments},
 * containers as declared in {@code infra/cosmos/containers} ({@link CosmosContainers}).
 *
 * <p>Records are created in bulk by their deterministic id; one that exists already (409) keeps its
 * first stored copy, so a redelivered envelope changes nothing (DESIGN rule 2). Then each device
 * of the envelope gets one conditional patch of its latest state ({@link CosmosDeviceStates}), the
 * devices in parallel, at most {@link #PARALLEL_DEVICE_PATCHES} at a time. The positions and
 * events queries order by {@code tsKey, id}, served by the composite index
 * {@code (/tsKey ASC, /id ASC)} of {@code telemetry}. The fleet views query the device documents
 * ({@link CosmosFleetQueries}). Every query is counted by {@link #readCounter()}. Errors as in
 * {@link CosmosCalls}.
 */
public final class CosmosTelemetryStore implements TelemetryStore {
  public static final String TELEMETRY = "telemetry";
  public static final String DEVICES = "devices";
  public static final String REJECTED = "rejected";
  public static final String MESSAGES = CosmosMessages.MESSAGES;
  /** Bounds the device patches of one envelope in flight, so one envelope cannot take every connection. */
  static final int PARALLEL_DEVICE_PATCHES = 16;
  /**
   * How long a Functions instance reuses fleet counts and map cells for its next viewer: well
   * under the dashboard's 10 s refresh, so each refresh shows counts at most this old.
   */
  static final Duration FLEET_VIEW_TTL = Duration.ofSeconds(5);
  /** Tiles kept at most: a few hundred distinct views of 96 cells. */
  static final int FLEET_VIEW_TILES = 50_000;
  static final String POSITIONS_QUERY = "SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from"
      + " AND c.tsKey < @to ORDER BY c.tsKey ASC, c.id ASC";
  static final String EVENTS_QUERY = "SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from"
      + " AND c.tsKey < @to AND ARRAY_CONTAINS(@events, c.event) ORDER BY c.tsKey ASC, c.id ASC";
  static final String REJECTED_QUERY = "SELECT TOP @limit * FROM c ORDER BY c.at DESC";

  private final CosmosAsyncContainer telemetry;
  private final CosmosAsyncContainer rejected;
  private final CosmosDeviceStates devices;
  private final CosmosFleetQueries fleet;
  private final FleetViewCache fleetViews;
  private final CosmosMessages messages;
  private final CosmosReadCounter counter = new CosmosReadCounter();
  private final Duration telemetryTtl;
  private final Duration timeout;

  /** {@code telemetryTtl} null: telemetry expires by the container's default TTL, if any. */
  public CosmosTelemetryStore(CosmosAsyncContainer telemetry, CosmosAsyncContainer devices,
      CosmosAsyncContainer rejected, CosmosAsyncContainer messages, Duration telemetryTtl, Duration timeout) {
    this(telemetry, devices, rejected, messages, telemetryTtl, timeout, Clock.systemUTC());
  }

  /** {@code clock}: the time of each change to a device ({@code changedAt}). */
  public CosmosTelemetryStore(CosmosAsyncContainer telemetry, CosmosAsyncContainer devices,
      CosmosAsyncContainer rejected, CosmosAsyncContainer messages, Duration telemetryTtl, Duration timeout,
      Clock clock) {
    this(telemetry, devices, rejected, messages, telemetryTtl, timeout, clock, Duration.ZERO);
  }

  /**
   * {@code fleetViewTtl}: how long fleet counts and map cells are reused for the next viewer
   * ({@link FleetViewCache}); zero answers each from Cosmos DB.
   */
  public CosmosTelemetryStore(CosmosAsyncContainer telemetry, CosmosAsyncContainer devices,
      CosmosAsyncContainer rejected, CosmosAsyncContainer messages, Duration telemetryTtl, Duration timeout,
      Clock clock, Duration fleetViewTtl) {
    this.telemetry = telemetry;
    this.rejected = rejected;
    this.devices = new CosmosDeviceStates(devices, clock, timeout);
    this.fleet = new CosmosFleetQueries(devices, counter, timeout);
    this.fleetViews = new FleetViewCache(fleetViewTtl, FLEET_VIEW_TILES, System::nanoTime);
    this.messages = new CosmosMessages(messages, counter, timeout);
    this.telemetryTtl = telemetryTtl;
    this.timeout = timeout;
  }

  /**
   * The store on the account's one client, shared by every instance in this process (a Functions
   * host reuses it across invocations; clients are expensive and hold the connections).
   */
  public static CosmosTelemetryStore create(CosmosSettings settings) {
    CosmosAsyncDatabase database = AzureClients.cosmosDatabase(settings);
    return new CosmosTelemetryStore(database.getContainer(TELEMETRY), database.getContainer(DEVICES),
        database.getContainer(REJECTED), database.getContainer(MESSAGES), settings.telemetryTtl(),
        settings.operationTimeout(), Clock.systemUTC(), FLEET_VIEW_TTL);
  }

  @Override
  public void upsert(List<Record> records) {
    if (records.isEmpty()) {
      return;
    }
    CosmosBulkItemRequestOptions quiet = new CosmosBulkItemRequestOptions().setContentResponseOnWriteEnabled(false);
    List<CosmosItemOperation> operations = records.stream()
        .map(r -> CosmosBulkOperations.getCreateItemOperation(CosmosDocuments.telemetry(r, telemetryTtl),
            new PartitionKey(r.imei()), quiet))
        .toList();
    List<CosmosBulkOperationResponse<Object>> responses = CosmosCalls.call("bulk create of " + records.size()
        + " records", telemetry.<Object>executeBulkOperations(Flux.fromIterable(operations)).collectList(), timeout);
    if (responses == null || responses.size() != operations.size()) {
      throw new StoreUnavailableException("bulk create answered " + (responses == null ? 0 : responses.size())
          + " of " + operations.size() + " operations", null);
    }
    for (CosmosBulkOperationResponse<Object> response : responses) {
      checkBulk(response);
    }
    CosmosCalls.await(Flux.fromIterable(byDevice(records).entrySet())
        .flatMap(device -> advance(device.getKey(), device.getValue()), PARALLEL_DEVICE_PATCHES)
        .then(), timeout);
  }

  private Mono<Void> advance(String imei, List<Record> records) {
    Record newest = Collections.max(records, Comparator.comparing(Record::ts).thenComparing(Record::id));
    Instant seen = records.stream().map(r -> r.receivedAt() == null ? r.ts() : r.receivedAt())
        .max(Comparator.naturalOrder()).orElseThrow();
    return devices.advance(imei, newest, seen);
  }

  /** A record or message that exists already (409) keeps its first stored copy: that is success. */
  static void checkBulk(CosmosBulkOperationResponse<Object> response) {
    Object doc = response.getOperation().getItem();
    String what = "create of " + (doc instanceof ObjectNode node ? node.path("id").asText() : "?");
    if (response.getException() instanceof CosmosException e) {
      if (e.getStatusCode() == CosmosCalls.CONFLICT) {
        return;
      }
      throw CosmosCalls.translate(what, e);
    }
    if (response.getException() != null) {
      throw new StoreUnavailableException(what + " failed: " + response.getException(), response.getException());
    }
    CosmosBulkItemResponse item = response.getResponse();
    if (item == null || !(item.isSuccessStatusCode() || item.getStatusCode() == CosmosCalls.CONFLICT)) {
      int status = item == null ? 0 : item.getStatusCode();
      if (item == null || CosmosCalls.isTransient(status)) {
        throw new StoreUnavailableException(what + " failed with status " + status, null);
      }
      throw new StoreRefusedException(what + " refused by Cosmos DB with status " + status, null);
    }
  }

  private static Map<String, List<Record>> byDevice(List<Record> records) {
    Map<String, List<Record>> grouped = new LinkedHashMap<>();
    for (Record record : records) {
      grouped.computeIfAbsent(record.imei(), k -> new ArrayList<>()).add(record);
    }
    return grouped;
  }

  @Override
  public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    SqlQuerySpec query = new SqlQuerySpec(POSITIONS_QUERY, rangeParameters(imei, from, to));
    return CosmosCalls.page("positions of " + imei,
        counter.counted(telemetry.queryItems(query, inPartition(imei), ObjectNode.class)), limit, continuation,
        CosmosDocuments::record, timeout);
  }

  @Override
  public Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
      String continuation) {
    if (eventIds.isEmpty()) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, got " + limit);
      }
      return new Page<>(List.of(), null);
    }
    List<SqlParameter> parameters = new ArrayList<>(rangeParameters(imei, from, to));
    parameters.add(new SqlParameter("@events", eventIds.stream().sorted().toList()));
    SqlQuerySpec query = new SqlQuerySpec(EVENTS_QUERY, parameters);
    return CosmosCalls.page("events of " + imei,
        counter.counted(telemetry.queryItems(query, inPartition(imei), ObjectNode.class)), limit, continuation,
        CosmosDocuments::record, timeout);
  }

  private static List<SqlParameter> rangeParameters(String imei, Instant from, Instant to) {
    return List.of(new SqlParameter("@imei", imei), new SqlParameter("@from", CosmosDocuments.timeKey(from)),
        new SqlParameter("@to", CosmosDocuments.timeKey(to)));
  }

  private static CosmosQueryRequestOptions inPartition(String imei) {
    return new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(imei));
  }

  @Override
  public void storeMessages(List<DeviceMessage> batch) {
    messages.store(batch);
  }

  @Override
  public Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit, String continuation) {
    return messages.page(imei, from, to, limit, continuation);
  }

  @Override
  public Optional<DeviceState> device(String imei) {
    return devices.device(imei);
  }

  @Override
  public Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    return fleet.devices(query, limit, continuation);
  }

  @Override
  public FleetCounts fleetCounts(Instant onlineSince) {
    return fleetViews.counts(() -> fleet.fleetCounts(onlineSince));
  }

  @Override
  public List<MapCell> mapCells(List<String> tiles) {
    CosmosFleetQueries.checkTiles(tiles);
    return fleetViews.cells(tiles, fleet::mapCells);
  }

  @Override
  public List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    return fleet.devicesInTiles(tiles, limit);
  }

  /** The queries this store has issued and what they read, for benchmarks and diagnostics. */
  public CosmosReadCounter readCounter() {
    return counter;
  }

  @Override
  public DeviceState register(String imei, String name) {
    return devices.register(imei, name);
  }

  @Override
  public boolean remove(String imei) {
    return devices.remove(imei);
  }

  @Override
  public boolean isRegistered(String imei) {
    return devices.isRegistered(imei);
  }

  /** Upserted by the message's id, so a redelivered unreadable message is kept once. */
  @Override
  public void reject(RejectedMessage message) {
    PartitionKey key = message.imei() == null ? PartitionKey.NONE : new PartitionKey(message.imei());
    CosmosItemRequestOptions options = new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false);
    CosmosCalls.call("keeping rejected message " + message.id(),
        rejected.upsertItem(CosmosDocuments.rejected(message), key, options), timeout);
  }

  /** The newest {@code limit} rejected messages, oldest first (a cross-partition query). */
  @Override
  public List<RejectedMessage> rejected(int limit) {
    if (limit < 1) {
      return List.of();
    }
    SqlQuerySpec query = new SqlQuerySpec(REJECTED_QUERY, new SqlParameter("@limit", limit));
    List<ObjectNode> newestFirst = CosmosCalls.call("listing rejected messages",
        counter.counted(rejected.queryItems(query, new CosmosQueryRequestOptions(), ObjectNode.class)).byPage()
            .concatMapIterable(FeedResponse::getResults).collectList(), timeout);
    List<RejectedMessage> oldestFirst = new ArrayList<>(newestFirst == null ? List.of()
        : newestFirst.stream().map(CosmosDocuments::rejectedMessage).toList());
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }
}
