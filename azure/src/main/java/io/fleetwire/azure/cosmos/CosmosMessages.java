package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkItemRequestOptions;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code messages} container ({@code infra/cosmos/containers/messages.json}): one document per
 * device message, its JSON plus {@code tsKey}, partitioned by {@code /imei}. Created in bulk by the
 * deterministic message id, so a redelivered message keeps its first copy; the page query orders
 * by {@code tsKey, id} like positions, with the same composite index.
 */
final class CosmosMessages {
  static final String MESSAGES = "messages";
  static final String MESSAGES_QUERY = "SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from"
      + " AND c.tsKey < @to ORDER BY c.tsKey ASC, c.id ASC";

  private final CosmosAsyncContainer container;
  private final CosmosReadCounter counter;
  private final Duration timeout;

  CosmosMessages(CosmosAsyncContainer container, CosmosReadCounter counter, Duration timeout) {
    this.container = container;
    this.counter = counter;
    this.timeout = timeout;
  }

  void store(List<DeviceMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    CosmosBulkItemRequestOptions quiet = new CosmosBulkItemRequestOptions().setContentResponseOnWriteEnabled(false);
    List<CosmosItemOperation> operations = messages.stream()
        .map(m -> CosmosBulkOperations.getCreateItemOperation(document(m), new PartitionKey(m.imei()), quiet))
        .toList();
    List<CosmosBulkOperationResponse<Object>> responses = CosmosCalls.call("bulk create of " + messages.size()
        + " device messages", container.<Object>executeBulkOperations(Flux.fromIterable(operations)).collectList(),
        timeout);
    if (responses == null || responses.size() != operations.size()) {
      throw new StoreUnavailableException("bulk create of device messages answered "
          + (responses == null ? 0 : responses.size()) + " of " + operations.size() + " operations", null);
    }
    responses.forEach(CosmosTelemetryStore::checkBulk);
  }

  Page<DeviceMessage> page(String imei, Instant from, Instant to, int limit, String continuation) {
    SqlQuerySpec query = new SqlQuerySpec(MESSAGES_QUERY, List.of(new SqlParameter("@imei", imei),
        new SqlParameter("@from", CosmosDocuments.timeKey(from)), new SqlParameter("@to", CosmosDocuments.timeKey(to))));
    return CosmosCalls.page("messages of " + imei, counter.counted(container.queryItems(query,
        new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(imei)), ObjectNode.class)),
        limit, continuation, CosmosMessages::message, timeout);
  }

  private static ObjectNode document(DeviceMessage message) {
    ObjectNode doc = Json.mapper().valueToTree(message);
    doc.put(CosmosDocuments.TS_KEY, CosmosDocuments.timeKey(message.ts()));
    return doc;
  }

  private static DeviceMessage message(ObjectNode doc) {
    try {
      return Json.mapper().treeToValue(doc, DeviceMessage.class);
    } catch (JsonProcessingException e) {
      throw new StoreRefusedException("stored message document " + doc.path("id").asText()
          + " is not a device message: " + e.getOriginalMessage(), e);
    }
  }
}
