package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.StoreUnavailableException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static io.fleetwire.azure.cosmos.CosmosCalls.CONFLICT;
import static io.fleetwire.azure.cosmos.CosmosCalls.NOT_FOUND;
import static io.fleetwire.azure.cosmos.CosmosCalls.PRECONDITION_FAILED;

/**
 * The {@code devices} container: one document per device (id and partition key = IMEI) holding
 * its registry entry and latest state (see {@link CosmosDocuments}).
 *
 * <p>The latest state of a device moves with one conditional patch per envelope: it sets the
 * newest record, its time key and {@code lastSeen} together, on condition that both stored keys
 * are older (DESIGN rule 6), which is what new data from a device meets. Only when that condition
 * fails (records arriving out of order) is the document read and patched with what is newer, on
 * its etag, retried if another writer came between. The same patch sets what the fleet views query
 * ({@link CosmosDocuments#lastRecordFields}) and {@code changedAt}, so they never lag the state.
 * Register and remove set {@code changedAt} too.
 */
final class CosmosDeviceStates {
  private static final int RECONCILE_ATTEMPTS = 5;

  private final CosmosAsyncContainer devices;
  private final Clock clock;
  private final Duration timeout;

  CosmosDeviceStates(CosmosAsyncContainer devices, Clock clock, Duration timeout) {
    this.devices = devices;
    this.clock = clock;
    this.timeout = timeout;
  }

  private String now() {
    return CosmosDocuments.timeKey(clock.instant());
  }

  private static CosmosPatchOperations setLastRecord(CosmosPatchOperations ops, Record newest) {
    for (Map.Entry<String, Object> field : CosmosDocuments.lastRecordFields(newest).entrySet()) {
      ops.set("/" + field.getKey(), field.getValue());
    }
    return ops;
  }

  /** Moves the device's latest record and last-seen time forward; creates the device if unknown. */
  Mono<Void> advance(String imei, Record newest, Instant seen) {
    String lastTs = CosmosDocuments.timeKey(newest.ts());
    String lastSeen = CosmosDocuments.timeKey(seen);
    CosmosPatchOperations both = setLastRecord(CosmosPatchOperations.create(), newest)
        .set("/lastSeen", lastSeen)
        .set("/" + CosmosDocuments.CHANGED_AT, now());
    // Time keys hold only digits and -:.TZ, so quoting them into the predicate is safe.
    CosmosPatchItemRequestOptions newer = new CosmosPatchItemRequestOptions()
        .setFilterPredicate("FROM d WHERE d.lastTs < '" + lastTs + "' AND d.lastSeen < '" + lastSeen + "'");
    newer.setContentResponseOnWriteEnabled(false);
    Mono<Void> reconcile = Mono.defer(() -> reconcile(imei, newest, lastTs, lastSeen));
    return devices.patchItem(imei, new PartitionKey(imei), both, newer, ObjectNode.class)
        .then()
        .onErrorResume(e -> status(e) == PRECONDITION_FAILED, e -> reconcile)
        .onErrorResume(e -> status(e) == NOT_FOUND, e -> create(
            CosmosDocuments.seenDevice(imei, newest, seen, clock.instant()))
            .flatMap(created -> created ? Mono.<Void>empty() : reconcile))
        .onErrorMap(CosmosException.class, e -> CosmosCalls.translate("latest state of " + imei, e));
  }

  /** Reads the device and patches, on its etag, only what the records make newer. */
  private Mono<Void> reconcile(String imei, Record newest, String lastTs, String lastSeen) {
    return devices.readItem(imei, new PartitionKey(imei), ObjectNode.class).flatMap(response -> {
      ObjectNode stored = response.getItem();
      CosmosPatchOperations ops = CosmosPatchOperations.create();
      boolean changed = false;
      if (stored.path("lastTs").asText().compareTo(lastTs) < 0) {
        setLastRecord(ops, newest);
        changed = true;
      }
      if (stored.path("lastSeen").asText().compareTo(lastSeen) < 0) {
        ops.set("/lastSeen", lastSeen);
        changed = true;
      }
      if (!changed) {
        return Mono.<Void>empty();
      }
      ops.set("/" + CosmosDocuments.CHANGED_AT, now());
      CosmosPatchItemRequestOptions unchanged = new CosmosPatchItemRequestOptions();
      unchanged.setIfMatchETag(response.getETag());
      unchanged.setContentResponseOnWriteEnabled(false);
      return devices.patchItem(imei, new PartitionKey(imei), ops, unchanged, ObjectNode.class).then();
    }).retryWhen(Retry.max(RECONCILE_ATTEMPTS - 1).filter(e -> status(e) == PRECONDITION_FAILED)
        .onRetryExhaustedThrow((spec, signal) -> new StoreUnavailableException("latest state of " + imei
            + " kept changing under " + RECONCILE_ATTEMPTS + " attempts", signal.failure())));
  }

  /** False when another writer created it first (409): the caller then patches the existing one. */
  private Mono<Boolean> create(ObjectNode doc) {
    return devices.createItem(doc, new PartitionKey(doc.path("imei").asText()), new CosmosItemRequestOptions())
        .thenReturn(true)
        .onErrorResume(e -> status(e) == CONFLICT, e -> Mono.just(false));
  }

  private static int status(Throwable e) {
    return e instanceof CosmosException c ? c.getStatusCode() : 0;
  }

  Optional<DeviceState> device(String imei) {
    return read(imei).map(CosmosDocuments::deviceState);
  }

  private Optional<ObjectNode> read(String imei) {
    try {
      CosmosItemResponse<ObjectNode> response = CosmosCalls.await(
          devices.readItem(imei, new PartitionKey(imei), ObjectNode.class), timeout);
      return Optional.ofNullable(response == null ? null : response.getItem());
    } catch (CosmosException e) {
      if (e.getStatusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw CosmosCalls.translate("reading device " + imei, e);
    }
  }

  DeviceState register(String imei, String name) {
    CosmosPatchOperations ops = CosmosPatchOperations.create().set("/name", name).set("/registered", true)
        .set("/" + CosmosDocuments.CHANGED_AT, now());
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        CosmosItemResponse<ObjectNode> patched = CosmosCalls.await(devices.patchItem(imei, new PartitionKey(imei), ops,
            new CosmosPatchItemRequestOptions(), ObjectNode.class), timeout);
        return CosmosDocuments.deviceState(patched.getItem());
      } catch (CosmosException e) {
        if (e.getStatusCode() != NOT_FOUND) {
          throw CosmosCalls.translate("registering " + imei, e);
        }
      }
      ObjectNode created = CosmosDocuments.device(imei, name, true, clock.instant());
      if (Boolean.TRUE.equals(CosmosCalls.call("creating device " + imei, create(created), timeout))) {
        return CosmosDocuments.deviceState(created);
      }
    }
    throw new StoreUnavailableException("registering " + imei + " kept racing with another writer", null);
  }

  /**
   * Clears the registry entry of a registered device; one that never sent data is then deleted,
   * on the etag of that patch, so data arriving in between keeps it.
   */
  boolean remove(String imei) {
    CosmosPatchItemRequestOptions onlyIfRegistered = new CosmosPatchItemRequestOptions()
        .setFilterPredicate("FROM d WHERE d.registered = true");
    CosmosItemResponse<ObjectNode> patched;
    try {
      patched = CosmosCalls.await(devices.patchItem(imei, new PartitionKey(imei),
          CosmosPatchOperations.create().set("/registered", false).set("/name", null)
              .set("/" + CosmosDocuments.CHANGED_AT, now()), onlyIfRegistered,
          ObjectNode.class), timeout);
    } catch (CosmosException e) {
      if (e.getStatusCode() == NOT_FOUND || e.getStatusCode() == PRECONDITION_FAILED) {
        return false;
      }
      throw CosmosCalls.translate("removing " + imei, e);
    }
    if (patched.getItem().path("lastSeen").asText().isEmpty()) {
      try {
        CosmosCalls.await(devices.deleteItem(imei, new PartitionKey(imei),
            new CosmosItemRequestOptions().setIfMatchETag(patched.getETag())), timeout);
      } catch (CosmosException e) {
        if (e.getStatusCode() != PRECONDITION_FAILED && e.getStatusCode() != NOT_FOUND) {
          throw CosmosCalls.translate("forgetting " + imei, e);
        }
      }
    }
    return true;
  }

  boolean isRegistered(String imei) {
    return read(imei).map(doc -> doc.path("registered").asBoolean(false)).orElse(false);
  }
}
