package io.fleetwire.azure.cosmos;

import io.fleetwire.azure.AzureClients;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkItemRequestOptions;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Computed daily fleet reports in the Cosmos DB {@code dailyReports} container, partitioned by
 * {@code /date}: a day's rows and its progress share one logical partition, so the API reads a day
 * with a single-partition query in IMEI order and the computation writes a page of rows in one
 * bulk call. A row's id is its IMEI and the progress has the id {@value #PROGRESS_ID}, so
 * computing a day again overwrites the same documents.
 */
public final class CosmosFleetDayStore implements FleetDayStore {
  public static final String DAILY_REPORTS = "dailyReports";
  static final String PROGRESS_ID = "progress";
  static final String ROWS_QUERY =
      "SELECT * FROM c WHERE c.date = @date AND c.type = 'row' ORDER BY c.imei ASC";

  private final CosmosAsyncContainer container;
  private final Duration timeout;

  public CosmosFleetDayStore(CosmosAsyncContainer container, Duration timeout) {
    this.container = container;
    this.timeout = timeout;
  }

  /** The store on the account's one client (see {@link AzureClients}). */
  public static CosmosFleetDayStore create(CosmosSettings settings) {
    return new CosmosFleetDayStore(AzureClients.cosmosDatabase(settings).getContainer(DAILY_REPORTS),
        settings.operationTimeout());
  }

  @Override
  public Optional<FleetDayProgress> progress(LocalDate date) {
    try {
      CosmosItemResponse<ObjectNode> response = CosmosCalls.await(
          container.readItem(PROGRESS_ID, new PartitionKey(date.toString()), ObjectNode.class), timeout);
      return Optional.ofNullable(response == null ? null : response.getItem()).map(CosmosFleetDayStore::progress);
    } catch (CosmosException e) {
      if (e.getStatusCode() == CosmosCalls.NOT_FOUND) {
        return Optional.empty();
      }
      throw CosmosCalls.translate("reading the daily report progress of " + date, e);
    }
  }

  @Override
  public void save(List<FleetDayRow> rows, FleetDayProgress progress) {
    String day = progress.date().toString();
    PartitionKey partition = new PartitionKey(day);
    if (!rows.isEmpty()) {
      CosmosBulkItemRequestOptions quiet = new CosmosBulkItemRequestOptions().setContentResponseOnWriteEnabled(false);
      List<CosmosItemOperation> operations = rows.stream()
          .map(row -> CosmosBulkOperations.getUpsertItemOperation(rowDocument(progress.date(), row), partition, quiet))
          .toList();
      List<CosmosBulkOperationResponse<Object>> responses = CosmosCalls.call("storing " + rows.size()
          + " daily report rows of " + day, container.<Object>executeBulkOperations(Flux.fromIterable(operations))
          .collectList(), timeout);
      int stored = responses == null ? 0 : (int) responses.stream().filter(CosmosFleetDayStore::stored).count();
      if (stored != operations.size()) {
        throw new StoreUnavailableException("storing daily report rows of " + day + ": " + stored + " of "
            + operations.size() + " upserts succeeded", null);
      }
    }
    CosmosCalls.call("storing the daily report progress of " + day, container.upsertItem(progressDocument(progress),
        partition, new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(false)), timeout);
  }

  /**
   * True when the upsert succeeded. A refusal (a 4xx other than throttling) is thrown: the row
   * documents are small and of one shape, so it is a defect, not data to pass over; any other
   * failure counts as not stored, and the page is saved again by the next run.
   */
  private static boolean stored(CosmosBulkOperationResponse<Object> response) {
    if (response.getException() instanceof CosmosException e) {
      throw CosmosCalls.translate("upsert of a daily report row", e);
    }
    if (response.getResponse() == null) {
      return false;
    }
    int status = response.getResponse().getStatusCode();
    if (!response.getResponse().isSuccessStatusCode() && !CosmosCalls.isTransient(status)) {
      throw new StoreRefusedException("upsert of a daily report row refused by Cosmos DB with status " + status, null);
    }
    return response.getResponse().isSuccessStatusCode();
  }

  @Override
  public Page<FleetDayRow> rows(LocalDate date, int limit, String continuation) {
    // the partition is named in the query too: the partition key option alone is not a filter everywhere
    SqlQuerySpec query = new SqlQuerySpec(ROWS_QUERY, new SqlParameter("@date", date.toString()));
    CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(date.toString()));
    return CosmosCalls.page("reading the daily report of " + date, container.queryItems(query, options, ObjectNode.class),
        limit, continuation, CosmosFleetDayStore::row, timeout);
  }

  private static ObjectNode rowDocument(LocalDate date, FleetDayRow row) {
    DeviceReport report = row.report();
    if (!LocalDate.ofInstant(report.from(), ZoneOffset.UTC).equals(date)) {
      throw new IllegalArgumentException("row of " + report.imei() + " starts " + report.from() + ", not on " + date);
    }
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", report.imei());
    doc.put("date", date.toString());
    doc.put("type", "row");
    doc.put("imei", report.imei());
    doc.put("name", row.name());
    doc.set("report", Json.mapper().valueToTree(report));
    return doc;
  }

  private static FleetDayRow row(JsonNode doc) {
    try {
      DeviceReport report = Json.mapper().treeToValue(doc.get("report"), DeviceReport.class);
      return new FleetDayRow(text(doc, "name"), report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("daily report row " + doc.path("id").asText() + " is not readable", e);
    }
  }

  private static String text(JsonNode doc, String field) {
    return doc.path(field).isTextual() ? doc.get(field).asText() : null;
  }

  private static ObjectNode progressDocument(FleetDayProgress progress) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", PROGRESS_ID);
    doc.put("date", progress.date().toString());
    doc.put("type", "progress");
    doc.put("cursor", progress.cursor());
    doc.put("after", progress.after());
    doc.put("rows", progress.rows());
    doc.put("complete", progress.complete());
    doc.put("startedAt", progress.startedAt().toString());
    doc.put("updatedAt", progress.updatedAt().toString());
    return doc;
  }

  private static FleetDayProgress progress(JsonNode doc) {
    return new FleetDayProgress(LocalDate.parse(doc.path("date").asText()), text(doc, "cursor"), text(doc, "after"),
        doc.path("rows").asLong(),
        doc.path("complete").asBoolean(), Instant.parse(doc.path("startedAt").asText()),
        Instant.parse(doc.path("updatedAt").asText()));
  }
}
