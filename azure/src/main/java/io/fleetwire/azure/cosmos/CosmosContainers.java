package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.models.CompositePath;
import com.azure.cosmos.models.CompositePathSortOrder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.ExcludedPath;
import com.azure.cosmos.models.IncludedPath;
import com.azure.cosmos.models.IndexingMode;
import com.azure.cosmos.models.IndexingPolicy;
import com.azure.cosmos.models.PartitionKeyDefinition;
import com.azure.cosmos.models.PartitionKeyDefinitionVersion;
import com.azure.cosmos.models.PartitionKind;
import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cosmos containers as declared in {@code infra/cosmos/containers/*.json} (packaged with this
 * module): the files Bicep deploys with {@code loadJsonContent()}. Where no Bicep runs (tests
 * against a Cosmos server, an emulator) {@link #createAll} makes the same containers, so a query
 * that needs an index the declaration lacks fails there as it would on Azure.
 */
public final class CosmosContainers {
  /** Every declared container, in the order Bicep deploys them. */
  public static final List<String> ALL = List.of(CosmosTelemetryStore.TELEMETRY, CosmosTelemetryStore.DEVICES,
      CosmosTelemetryStore.REJECTED, CosmosCommandStore.COMMANDS, CosmosFleetDayStore.DAILY_REPORTS,
      CosmosAlertStore.RULES, CosmosAlertStore.ALERTS, CosmosAlertStore.DELIVERIES, CosmosTelemetryStore.MESSAGES);

  private CosmosContainers() {
  }

  /** The declaration of container {@code id}, read from its JSON file. */
  public static CosmosContainerProperties declared(String id) {
    JsonNode json = read(id);
    if (!id.equals(json.path("id").asText())) {
      throw new IllegalStateException("containers/" + id + ".json declares container '" + json.path("id").asText() + "'");
    }
    PartitionKeyDefinition partitionKey = new PartitionKeyDefinition();
    List<String> paths = new ArrayList<>();
    json.path("partitionKey").path("paths").forEach(p -> paths.add(p.asText()));
    partitionKey.setPaths(paths);
    partitionKey.setKind(PartitionKind.HASH);
    partitionKey.setVersion(PartitionKeyDefinitionVersion.V2);
    CosmosContainerProperties container = new CosmosContainerProperties(id, partitionKey);
    if (json.has("defaultTtl")) {
      container.setDefaultTimeToLiveInSeconds(json.path("defaultTtl").asInt());
    }
    container.setIndexingPolicy(indexingPolicy(json.path("indexingPolicy")));
    return container;
  }

  private static IndexingPolicy indexingPolicy(JsonNode json) {
    IndexingPolicy policy = new IndexingPolicy();
    policy.setIndexingMode(IndexingMode.valueOf(json.path("indexingMode").asText("consistent").toUpperCase()));
    policy.setAutomatic(json.path("automatic").asBoolean(true));
    List<IncludedPath> included = new ArrayList<>();
    json.path("includedPaths").forEach(p -> included.add(new IncludedPath(p.path("path").asText())));
    policy.setIncludedPaths(included);
    List<ExcludedPath> excluded = new ArrayList<>();
    json.path("excludedPaths").forEach(p -> excluded.add(new ExcludedPath(p.path("path").asText())));
    policy.setExcludedPaths(excluded);
    List<List<CompositePath>> composites = new ArrayList<>();
    for (JsonNode composite : json.path("compositeIndexes")) {
      List<CompositePath> index = new ArrayList<>();
      for (JsonNode path : composite) {
        index.add(new CompositePath().setPath(path.path("path").asText())
            .setOrder("descending".equals(path.path("order").asText())
                ? CompositePathSortOrder.DESCENDING : CompositePathSortOrder.ASCENDING));
      }
      composites.add(index);
    }
    policy.setCompositeIndexes(composites);
    return policy;
  }

  /** Creates every declared container that does not exist yet, within {@code timeout}. */
  public static void createAll(CosmosAsyncDatabase database, Duration timeout) {
    for (String id : ALL) {
      CosmosCalls.await(database.createContainerIfNotExists(declared(id)), timeout);
    }
  }

  private static JsonNode read(String id) {
    String resource = "containers/" + id + ".json";
    try (InputStream in = CosmosContainers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no container declaration " + resource + " next to " + CosmosContainers.class);
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
