package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosContainerProperties;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;
import io.fleetwire.testsupport.report.FleetDayStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.UUID;

/** The daily report store through the real azure-cosmos client against the Cosmos test server. */
class CosmosFleetDayStoreTest extends FleetDayStoreContract {
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
  protected FleetDayStore newStore() {
    String name = "days-" + UUID.randomUUID();
    client.createDatabase(name).block();
    CosmosAsyncDatabase database = client.getDatabase(name);
    database.createContainer(new CosmosContainerProperties(CosmosFleetDayStore.DAILY_REPORTS, "/date")).block();
    return new CosmosFleetDayStore(database.getContainer(CosmosFleetDayStore.DAILY_REPORTS), Duration.ofSeconds(10));
  }
}
