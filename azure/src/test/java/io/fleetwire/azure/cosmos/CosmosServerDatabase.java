package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A fresh database on the test JVM's Cosmos server, holding every container as declared in
 * {@code infra/cosmos/containers}, reached through the real client in gateway mode.
 */
final class CosmosServerDatabase {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static CosmosAsyncClient client;

  private final CosmosAsyncDatabase database;

  private CosmosServerDatabase(CosmosAsyncDatabase database) {
    this.database = database;
  }

  static synchronized CosmosServerDatabase create() {
    if (client == null) {
      CosmosTestServer server = CosmosTestServer.shared();
      client = new CosmosClientBuilder().endpoint(server.endpoint()).key(server.key()).gatewayMode()
          .buildAsyncClient();
    }
    String name = "fleetwire-" + UUID.randomUUID();
    CosmosCalls.await(client.createDatabase(name), TIMEOUT);
    CosmosAsyncDatabase database = client.getDatabase(name);
    CosmosContainers.createAll(database, TIMEOUT);
    return new CosmosServerDatabase(database);
  }

  CosmosAsyncDatabase database() {
    return database;
  }

  CosmosAsyncContainer container(String id) {
    return database.getContainer(id);
  }

  CosmosTelemetryStore telemetryStore() {
    return telemetryStore(Clock.systemUTC());
  }

  CosmosTelemetryStore telemetryStore(Clock clock) {
    return new CosmosTelemetryStore(container(CosmosTelemetryStore.TELEMETRY), container(CosmosTelemetryStore.DEVICES),
        container(CosmosTelemetryStore.REJECTED), container(CosmosTelemetryStore.MESSAGES), null, TIMEOUT, clock);
  }
}
