package io.fleetwire.azure.cosmos;

import com.azure.cosmos.models.CompositePath;
import com.azure.cosmos.models.CompositePathSortOrder;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.IncludedPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The declarations the code reads are the files Bicep deploys, read as written. */
class CosmosContainersTest {

  @Test
  void everyFileBicepDeploysIsAContainerTheTestsCreate() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "infra", "cosmos", "containers"))) {
      List<String> ids = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
      assertEquals(ids, CosmosContainers.ALL.stream().sorted().toList());
    }
  }

  @Test
  void telemetryIsDeclaredWithItsPartitionKeyRetentionAndCompositeIndex() {
    CosmosContainerProperties telemetry = CosmosContainers.declared(CosmosTelemetryStore.TELEMETRY);

    assertEquals(List.of("/imei"), telemetry.getPartitionKeyDefinition().getPaths());
    assertEquals(7_776_000, telemetry.getDefaultTimeToLiveInSeconds());
    List<List<CompositePath>> composites = telemetry.getIndexingPolicy().getCompositeIndexes();
    assertEquals(1, composites.size());
    assertEquals(List.of("/tsKey", "/id"), composites.get(0).stream().map(CompositePath::getPath).toList());
    assertEquals(List.of(CompositePathSortOrder.ASCENDING, CompositePathSortOrder.ASCENDING),
        composites.get(0).stream().map(CompositePath::getOrder).toList());
    assertEquals(List.of("/imei/?", "/tsKey/?", "/event/?"),
        telemetry.getIndexingPolicy().getIncludedPaths().stream().map(IncludedPath::getPath).toList());
  }
}
