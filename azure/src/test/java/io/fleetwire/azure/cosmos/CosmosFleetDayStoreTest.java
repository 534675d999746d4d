package io.fleetwire.azure.cosmos;

import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.IncludedPath;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.testsupport.report.FleetDayStoreContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily report store through the real azure-cosmos client against the Cosmos test server, in
 * the {@code dailyReports} container as {@code infra/cosmos/containers} declares it.
 */
class CosmosFleetDayStoreTest extends FleetDayStoreContract {
  @Override
  protected FleetDayStore newStore() {
    return CosmosServerStores.fleetDayStore();
  }

  /**
   * Cosmos DB refuses an ORDER BY on a path its index leaves out, and the test server does not
   * check single-path ordering: so the declaration is held against the query here.
   */
  @Test
  void theDeclaredContainerIndexesEveryPathTheRowsQueryFiltersOrSortsBy() {
    CosmosContainerProperties declared = CosmosContainers.declared(CosmosFleetDayStore.DAILY_REPORTS);
    Set<String> indexed = declared.getIndexingPolicy().getIncludedPaths().stream().map(IncludedPath::getPath)
        .collect(Collectors.toSet());

    Matcher path = Pattern.compile("\\bc\\.(\\w+)").matcher(CosmosFleetDayStore.ROWS_QUERY);
    int paths = 0;
    while (path.find()) {
      paths++;
      assertTrue(indexed.contains("/" + path.group(1) + "/?"), "/" + path.group(1) + "/? is not indexed: " + indexed);
    }
    assertEquals(3, paths, CosmosFleetDayStore.ROWS_QUERY);
    assertEquals(List.of("/date"), declared.getPartitionKeyDefinition().getPaths());
  }
}
