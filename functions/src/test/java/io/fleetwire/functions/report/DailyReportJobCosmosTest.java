package io.fleetwire.functions.report;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import io.fleetwire.azure.cosmos.CosmosContainers;
import io.fleetwire.azure.cosmos.CosmosFleetDayStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.UUID;

/**
 * The scheduled computation storing into Cosmos DB through the real client, on the Cosmos test
 * server, in the {@code dailyReports} container as {@code infra/cosmos/containers} declares it.
 */
class DailyReportJobCosmosTest extends DailyReportJobCases {
  private static CosmosAsyncClient client;

  @BeforeAll
  static void connect() {
    CosmosTestServer server = CosmosTestServer.shared();
    client = new CosmosClientBuilder().endpoint(server.endpoint()).key(server.key()).gatewayMode().buildAsyncClient();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected FleetDayStore newFleetDayStore() {
    String name = "job-" + UUID.randomUUID();
    client.createDatabase(name).block();
    CosmosAsyncDatabase database = client.getDatabase(name);
    database.createContainer(CosmosContainers.declared(CosmosFleetDayStore.DAILY_REPORTS)).block();
    return new CosmosFleetDayStore(database.getContainer(CosmosFleetDayStore.DAILY_REPORTS), Duration.ofSeconds(10));
  }
}
