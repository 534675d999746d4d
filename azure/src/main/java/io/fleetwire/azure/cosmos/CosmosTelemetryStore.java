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
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The store port on Azure Cosmos DB (NoSQL API); document shapes in {@link CosmosDocuments}.
 *
 * <p>Records are upserted in bulk by their deterministic id, so a redelivered envelope changes
 * nothing (DESIGN rule 2). A device's latest state moves only forward (rule 6): a conditional
 * patch whose filter predicate compares the stored time key; a 412 answer means "not newer" and
 * is fine. The positions query orders by {@code tsKey, id}, which needs a composite index
 * ({@code /tsKey ASC, /id ASC}) on {@code telemetry}.
 *
 * <p>Errors: 408, 410, 429, 449, 500, 503 and 401/403 become {@link StoreUnavailableException}, so
 * the Functions runtime retries the message and finally dead-letters it (auth failures too: a role
 * assignment still propagating or a rotated key passes without losing data); 404 means not found;
 * any other refusal is a {@link StoreRefusedException} naming the operation and status.
 */
public final class CosmosTelemetryStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(CosmosTelemetryStore.class);
  public static final String TELEMETRY = "telemetry";
  public static final String DEVICES = "devices";
  public static final String REJECTED = "rejected";
  public static final String MESSAGES = CosmosMessages.MESSAGES;
  static final String POSITIONS_QUERY = "SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from"
      + " AND c.tsKey < @to ORDER BY c.tsKey ASC, c.id ASC";
  static final String EVENTS_QUERY = "SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from"
      + " AND c.tsKey < @to AND ARRAY_CONTAINS(@events, c.event) ORDER BY c.tsKey ASC, c.id ASC";
  static final String DEVICES_QUERY = "SELECT * FROM c";
  static final String REJECTED_QUERY = "SELECT TOP @limit * FROM c ORDER BY c.at DESC";
  private static final Set<Integer> TRANSIENT = Set.of(401, 403, 408, 410, 429, 449, 500, 503);
  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;
  private static final int PRECONDITION_FAILED = 412;

  private final CosmosAsyncContainer telemetry;
  private final CosmosAsyncContainer devices;
  private final CosmosAsyncContainer rejected;
  private final CosmosMessages messages;
  private final Duration telemetryTtl;
  private final Duration timeout;

  /** {@code telemetryTtl} null: telemetry expires by the container's default TTL, if any. */
  public CosmosTelemetryStore(CosmosAsyncContainer telemetry, CosmosAsyncContainer devices,
      CosmosAsyncContainer rejected, CosmosAsyncContainer messages, Duration telemetryTtl, Duration timeout) {
    this.telemetry = telemetry;
    this.devices = devices;
    this.rejected = rejected;
    this.messages = new CosmosMessages(messages, timeout);
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
        settings.operationTimeout());
  }

  @Override
  public void upsert(List<Record> records) {
    if (records.isEmpty()) {
      return;
    }
    CosmosBulkItemRequestOptions quiet = new CosmosBulkItemRequestOptions().setContentResponseOnWriteEnabled(false);
    List<CosmosItemOperation> operations = records.stream()
        .map(r -> CosmosBulkOperations.getUpsertItemOperation(CosmosDocuments.telemetry(r, telemetryTtl),
            new PartitionKey(r.imei()), quiet))
        .toList();
    List<CosmosBulkOperationResponse<Object>> responses = call("bulk upsert of " + records.size() + " records",
        telemetry.<Object>executeBulkOperations(Flux.fromIterable(operations)).collectList());
    if (responses == null || responses.size() != operations.size()) {
      throw new StoreUnavailableException("bulk upsert answered " + (responses == null ? 0 : responses.size())
          + " of " + operations.size() + " operations", null);
    }
    for (CosmosBulkOperationResponse<Object> response : responses) {
      checkBulk(response);
    }
    for (Map.Entry<String, List<Record>> device : byDevice(records).entrySet()) {
      advance(device.getKey(), device.getValue());
    }
  }

  static void checkBulk(CosmosBulkOperationResponse<Object> response) {
    Object doc = response.getOperation().getItem();
    String what = "upsert of " + (doc instanceof ObjectNode node ? node.path("id").asText() : "?");
    if (response.getException() instanceof CosmosException e) {
      throw translate(what, e);
    }
    if (response.getException() != null) {
      throw new StoreUnavailableException(what + " failed: " + response.getException(), response.getException());
    }
    CosmosBulkItemResponse item = response.getResponse();
    if (item == null || !item.isSuccessStatusCode()) {
      int status = item == null ? 0 : item.getStatusCode();
      if (item == null || TRANSIENT.contains(status)) {
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

  /** Moves the device's latest record and last-seen time forward; creates the device if unknown. */
  private void advance(String imei, List<Record> records) {
    Record newest = Collections.max(records, Comparator.comparing(Record::ts).thenComparing(Record::id));
    Instant seen = records.stream().map(r -> r.receivedAt() == null ? r.ts() : r.receivedAt())
        .max(Comparator.naturalOrder()).orElseThrow();
    String lastTs = CosmosDocuments.timeKey(newest.ts());
    String lastSeen = CosmosDocuments.timeKey(seen);
    CosmosPatchOperations lastOps = CosmosPatchOperations.create()
        .set("/last", CosmosDocuments.recordNode(newest))
        .set("/lastTs", lastTs);
    CosmosPatchOperations seenOps = CosmosPatchOperations.create().set("/lastSeen", lastSeen);
    try {
      patchIfNewer(imei, "lastTs", lastTs, lastOps);
    } catch (CosmosException e) {
      if (e.getStatusCode() != NOT_FOUND) {
        throw translate("latest state of " + imei, e);
      }
      if (createDevice(imei, CosmosDocuments.seenDevice(imei, newest, seen))) {
        return;
      }
      patchExisting(imei, "lastTs", lastTs, lastOps);
    }
    patchExisting(imei, "lastSeen", lastSeen, seenOps);
  }

  private void patchExisting(String imei, String field, String key, CosmosPatchOperations ops) {
    try {
      patchIfNewer(imei, field, key, ops);
    } catch (CosmosException e) {
      throw translate(field + " of " + imei, e);
    }
  }

  /**
   * Patches only if the stored {@code field} is older than {@code key}. Time keys contain only
   * digits and {@code -:.TZ}, so quoting them into the predicate is safe (the predicate takes no
   * parameters). A 412 answer is "already as new or newer" and ends quietly.
   */
  private void patchIfNewer(String imei, String field, String key, CosmosPatchOperations ops) {
    CosmosPatchItemRequestOptions options = new CosmosPatchItemRequestOptions()
        .setFilterPredicate("FROM d WHERE d." + field + " < '" + key + "'");
    options.setContentResponseOnWriteEnabled(false);
    try {
      await(devices.patchItem(imei, new PartitionKey(imei), ops, options, ObjectNode.class));
    } catch (CosmosException e) {
      if (e.getStatusCode() != PRECONDITION_FAILED) {
        throw e;
      }
    }
  }

  /** False when another writer created it first (409): the caller then patches the existing one. */
  private boolean createDevice(String imei, ObjectNode doc) {
    try {
      await(devices.createItem(doc, new PartitionKey(imei), new CosmosItemRequestOptions()));
      return true;
    } catch (CosmosException e) {
      if (e.getStatusCode() == CONFLICT) {
        return false;
      }
      throw translate("creating device " + imei, e);
    }
  }

  @Override
  public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    SqlQuerySpec query = new SqlQuerySpec(POSITIONS_QUERY, rangeParameters(imei, from, to));
    FeedResponse<ObjectNode> page;
    try {
      page = await(telemetry.queryItems(query, inPartition(imei), ObjectNode.class)
          .byPage(continuation, limit).next());
    } catch (CosmosException e) {
      if (e.getStatusCode() == 400 && continuation != null) {
        throw new IllegalArgumentException("continuation token is not valid for this query", e);
      }
      throw translate("positions of " + imei, e);
    }
    if (page == null) {
      return new Page<>(List.of(), null);
    }
    return new Page<>(page.getResults().stream().map(CosmosDocuments::record).toList(), page.getContinuationToken());
  }

  @Override
  public List<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds) {
    if (eventIds.isEmpty()) {
      return List.of();
    }
    List<SqlParameter> parameters = new ArrayList<>(rangeParameters(imei, from, to));
    parameters.add(new SqlParameter("@events", eventIds.stream().sorted().toList()));
    SqlQuerySpec query = new SqlQuerySpec(EVENTS_QUERY, parameters);
    return all("events of " + imei, telemetry.queryItems(query, inPartition(imei), ObjectNode.class).byPage())
        .stream().map(CosmosDocuments::record).toList();
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
    return readDevice(imei).map(CosmosDocuments::deviceState);
  }

  private Optional<ObjectNode> readDevice(String imei) {
    try {
      CosmosItemResponse<ObjectNode> response = await(devices.readItem(imei, new PartitionKey(imei), ObjectNode.class));
      return Optional.ofNullable(response == null ? null : response.getItem());
    } catch (CosmosException e) {
      if (e.getStatusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw translate("reading device " + imei, e);
    }
  }

  @Override
  public List<DeviceState> devices() {
    return all("listing devices", devices.queryItems(new SqlQuerySpec(DEVICES_QUERY), new CosmosQueryRequestOptions(),
        ObjectNode.class).byPage()).stream()
        .map(CosmosDocuments::deviceState)
        .sorted(Comparator.comparing(DeviceState::imei))
        .toList();
  }

  @Override
  public DeviceState register(String imei, String name) {
    CosmosPatchOperations ops = CosmosPatchOperations.create().set("/name", name).set("/registered", true);
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        CosmosItemResponse<ObjectNode> patched = await(devices.patchItem(imei, new PartitionKey(imei), ops,
            new CosmosPatchItemRequestOptions(), ObjectNode.class));
        return CosmosDocuments.deviceState(patched.getItem());
      } catch (CosmosException e) {
        if (e.getStatusCode() != NOT_FOUND) {
          throw translate("registering " + imei, e);
        }
      }
      ObjectNode created = CosmosDocuments.device(imei, name, true);
      if (createDevice(imei, created)) {
        return CosmosDocuments.deviceState(created);
      }
    }
    throw new StoreUnavailableException("registering " + imei + " kept racing with another writer", null);
  }

  @Override
  public boolean remove(String imei) {
    CosmosPatchItemRequestOptions onlyIfRegistered = new CosmosPatchItemRequestOptions()
        .setFilterPredicate("FROM d WHERE d.registered = true");
    onlyIfRegistered.setContentResponseOnWriteEnabled(false);
    try {
      await(devices.patchItem(imei, new PartitionKey(imei),
          CosmosPatchOperations.create().set("/registered", false), onlyIfRegistered, ObjectNode.class));
      return true;
    } catch (CosmosException e) {
      if (e.getStatusCode() == NOT_FOUND || e.getStatusCode() == PRECONDITION_FAILED) {
        return false;
      }
      throw translate("removing " + imei, e);
    }
  }

  @Override
  public boolean isRegistered(String imei) {
    return readDevice(imei).map(doc -> doc.path("registered").asBoolean(false)).orElse(false);
  }

  /** Upserted by the message's id, so a redelivered unreadable message is kept once. */
  @Override
  public void reject(RejectedMessage message) {
    PartitionKey key = message.imei() == null ? PartitionKey.NONE : new PartitionKey(message.imei());
    CosmosItemRequestOptions options = new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false);
    call("keeping rejected message " + message.id(), rejected.upsertItem(CosmosDocuments.rejected(message), key, options));
  }

  /** The newest {@code limit} rejected messages, oldest first (a cross-partition query). */
  @Override
  public List<RejectedMessage> rejected(int limit) {
    if (limit < 1) {
      return List.of();
    }
    SqlQuerySpec query = new SqlQuerySpec(REJECTED_QUERY, new SqlParameter("@limit", limit));
    List<RejectedMessage> newestFirst = all("listing rejected messages",
        rejected.queryItems(query, new CosmosQueryRequestOptions(), ObjectNode.class).byPage())
        .stream().map(CosmosDocuments::rejectedMessage).toList();
    List<RejectedMessage> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private List<ObjectNode> all(String what, Flux<FeedResponse<ObjectNode>> pages) {
    List<ObjectNode> items = call(what, pages.concatMapIterable(FeedResponse::getResults).collectList());
    return items == null ? List.of() : items;
  }

  private <T> T call(String what, Mono<T> operation) {
    try {
      return await(operation);
    } catch (CosmosException e) {
      throw translate(what, e);
    }
  }

  private <T> T await(Mono<T> operation) {
    return await(operation, timeout);
  }

  /** Blocks within {@code timeout}; a {@link CosmosException} passes through untouched. */
  static <T> T await(Mono<T> operation, Duration timeout) {
    try {
      return operation.timeout(timeout).block();
    } catch (CosmosException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Exceptions.unwrap(e) instanceof TimeoutException) {
        throw new StoreUnavailableException("Cosmos DB did not answer within " + timeout, e);
      }
      throw e;
    }
  }

  static RuntimeException translate(String what, CosmosException e) {
    if (TRANSIENT.contains(e.getStatusCode())) {
      return new StoreUnavailableException(what + " failed with status " + e.getStatusCode()
          + " (Cosmos DB unavailable or throttled)", e);
    }
    return new StoreRefusedException(what + " refused by Cosmos DB with status " + e.getStatusCode(), e);
  }
}
