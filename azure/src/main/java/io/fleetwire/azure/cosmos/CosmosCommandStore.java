package io.fleetwire.azure.cosmos;

import io.fleetwire.azure.AzureClients;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Device commands in the Cosmos DB {@code commands} container (partition key {@code /imei}): the
 * command's JSON plus {@code createdMillis} for ordering (ISO texts with varying fractions do not
 * sort). {@link #transition} is one patch whose filter predicate checks the expected status, so
 * two fronts cannot both move a command; 412 (or 404) means "not in that state".
 */
public final class CosmosCommandStore implements CommandStore {
  public static final String COMMANDS = "commands";
  static final String RECENT_QUERY = "SELECT TOP @limit * FROM c WHERE c.imei = @imei ORDER BY c.createdMillis DESC";
  static final String QUEUED_QUERY =
      "SELECT * FROM c WHERE c.imei = @imei AND c.status = @status ORDER BY c.createdMillis ASC";
  private static final int NOT_FOUND = 404;
  private static final int CONFLICT = 409;
  private static final int PRECONDITION_FAILED = 412;

  private final CosmosAsyncContainer commands;
  private final Duration timeout;

  public CosmosCommandStore(CosmosAsyncContainer commands, Duration timeout) {
    this.commands = commands;
    this.timeout = timeout;
  }

  /** The {@code commands} container on the account's shared client. */
  public static CosmosCommandStore create(CosmosSettings settings) {
    return new CosmosCommandStore(AzureClients.cosmosDatabase(settings).getContainer(COMMANDS),
        settings.operationTimeout());
  }

  @Override
  public void create(DeviceCommand command) {
    try {
      await(commands.createItem(document(command), new PartitionKey(command.imei()), new CosmosItemRequestOptions()));
    } catch (CosmosException e) {
      if (e.getStatusCode() == CONFLICT) {
        throw new IllegalArgumentException("command " + command.id() + " exists already", e);
      }
      throw CosmosCalls.translate("storing command " + command.id(), e);
    }
  }

  @Override
  public Optional<DeviceCommand> get(String imei, String id) {
    try {
      CosmosItemResponse<ObjectNode> response = await(commands.readItem(id, new PartitionKey(imei), ObjectNode.class));
      return Optional.ofNullable(response == null ? null : response.getItem()).map(CosmosCommandStore::command);
    } catch (CosmosException e) {
      if (e.getStatusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw CosmosCalls.translate("reading command " + id, e);
    }
  }

  @Override
  public List<DeviceCommand> recent(String imei, int limit) {
    return query("listing the commands of " + imei, new SqlQuerySpec(RECENT_QUERY,
        List.of(new SqlParameter("@limit", Math.min(limit, MAX_RECENT)), new SqlParameter("@imei", imei))), imei);
  }

  @Override
  public List<DeviceCommand> queued(String imei) {
    return query("listing the queued commands of " + imei, new SqlQuerySpec(QUEUED_QUERY,
        List.of(new SqlParameter("@imei", imei), new SqlParameter("@status", CommandStatus.QUEUED.label()))), imei);
  }

  @Override
  public boolean transition(DeviceCommand next, CommandStatus expected) {
    CosmosPatchOperations ops = CosmosPatchOperations.create()
        .set("/status", next.status().label())
        .set("/sentAt", text(next.sentAt()))
        .set("/answeredAt", text(next.answeredAt()))
        .set("/finishedAt", text(next.finishedAt()))
        .set("/response", next.response())
        .set("/failureReason", next.failureReason());
    CosmosPatchItemRequestOptions options = new CosmosPatchItemRequestOptions()
        .setFilterPredicate("FROM c WHERE c.status = '" + expected.label() + "'");
    options.setContentResponseOnWriteEnabled(false);
    try {
      await(commands.patchItem(next.id(), new PartitionKey(next.imei()), ops, options, ObjectNode.class));
      return true;
    } catch (CosmosException e) {
      if (e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == NOT_FOUND) {
        return false;
      }
      throw CosmosCalls.translate("updating command " + next.id(), e);
    }
  }

  private List<DeviceCommand> query(String what, SqlQuerySpec query, String imei) {
    CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(imei));
    List<ObjectNode> items;
    try {
      items = await(commands.queryItems(query, options, ObjectNode.class).byPage()
          .concatMapIterable(FeedResponse::getResults).collectList());
    } catch (CosmosException e) {
      throw CosmosCalls.translate(what, e);
    }
    return items == null ? List.of() : items.stream().map(CosmosCommandStore::command).toList();
  }

  static ObjectNode document(DeviceCommand command) {
    ObjectNode doc = Json.mapper().valueToTree(command);
    doc.put("createdMillis", command.createdAt().toEpochMilli());
    return doc;
  }

  static DeviceCommand command(ObjectNode doc) {
    try {
      return Json.mapper().treeToValue(doc, DeviceCommand.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored command " + doc.path("id").asText() + " is not readable", e);
    }
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private <T> T await(Mono<T> operation) {
    return CosmosCalls.await(operation, timeout);
  }
}
