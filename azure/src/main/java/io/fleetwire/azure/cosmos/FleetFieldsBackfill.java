package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Gives the device documents written before the fleet views existed the fields those views query
 * ({@code qk}, {@code lat}, {@code lon}, {@code moving} from the last record, and {@code changedAt}),
 * so a device that has sent nothing since the upgrade is on the map and in the change listing. Ingest
 * gives a device the same fields with its next record; this is for the ones that stay silent.
 *
 * <p>Works in rounds of at most {@code batch} documents still lacking {@code changedAt} (a full
 * scan of the container, affordable once), each patched on its etag: a document that ingest or the
 * registry changed in between already has its fields and is left as it is. Idempotent; safe while
 * the system runs. Command line: {@code scripts/backfill-fleet-fields.sh} ({@link FleetFieldsBackfillCommand}).
 */
public final class FleetFieldsBackfill {
  static final String MISSING = "SELECT TOP @batch * FROM c WHERE NOT IS_DEFINED(c.changedAt)";
  private static final int PRECONDITION_FAILED = 412;
  private static final int NOT_FOUND = 404;

  /** What a run did: documents given their fields, and those another writer changed first. */
  public record Result(long patched, long changedMeanwhile) {
  }

  private final CosmosAsyncContainer devices;
  private final Clock clock;
  private final Duration timeout;

  public FleetFieldsBackfill(CosmosAsyncContainer devices, Clock clock, Duration timeout) {
    this.devices = devices;
    this.clock = clock;
    this.timeout = timeout;
  }

  /** Patches every document lacking the fields, {@code batch} per round, until none is left. */
  public Result run(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, not " + batch);
    }
    long patched = 0;
    long changed = 0;
    while (true) {
      List<ObjectNode> round = CosmosCalls.call("finding devices without fleet fields", devices.queryItems(
          new SqlQuerySpec(MISSING, new SqlParameter("@batch", batch)), new CosmosQueryRequestOptions(),
          ObjectNode.class).collectList(), timeout);
      if (round == null || round.isEmpty()) {
        return new Result(patched, changed);
      }
      long patchedBefore = patched;
      for (ObjectNode doc : round) {
        if (patch(doc)) {
          patched++;
        } else {
          changed++;
        }
      }
      if (patched == patchedBefore) {
        // every document of the round changed under us: what changes them gives them their fields
        return new Result(patched, changed);
      }
    }
  }

  /** True when patched; false when the document changed (or went) since it was read. */
  private boolean patch(ObjectNode doc) {
    String imei = doc.path("imei").asText();
    CosmosPatchOperations ops = CosmosPatchOperations.create();
    JsonNode last = doc.get("last");
    if (last != null && !last.isNull()) {
      CosmosDocuments.positionFields(CosmosDocuments.record(last)).forEach((field, value) -> ops.set("/" + field, value));
    } else {
      ops.set("/moving", false);
    }
    ops.set("/" + CosmosDocuments.CHANGED_AT, CosmosDocuments.timeKey(clock.instant()));
    CosmosPatchItemRequestOptions unchanged = new CosmosPatchItemRequestOptions();
    unchanged.setIfMatchETag(doc.path("_etag").asText());
    unchanged.setContentResponseOnWriteEnabled(false);
    try {
      CosmosCalls.await(devices.patchItem(imei, new PartitionKey(imei), ops, unchanged, ObjectNode.class), timeout);
      return true;
    } catch (CosmosException e) {
      if (e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == NOT_FOUND) {
        return false;
      }
      throw CosmosCalls.translate("giving " + imei + " its fleet fields", e);
    }
  }
}
