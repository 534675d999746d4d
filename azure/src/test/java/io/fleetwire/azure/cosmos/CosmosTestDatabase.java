package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.models.CosmosContainerProperties;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the shared Cosmos test server with the containers the stores use, each
 * partitioned by {@code /imei} as {@code infra/modules/data.bicep} declares them, for tests
 * outside this module that must not touch the Cosmos SDK themselves.
 */
public final class CosmosTestDatabase {
  private static final List<String> CONTAINERS = List.of(CosmosTelemetryStore.TELEMETRY, CosmosTelemetryStore.DEVICES,
      CosmosTelemetryStore.REJECTED, CosmosCommandStore.COMMANDS);

  /** The only connectivity mode the test server speaks. */
  public static final String GATEWAY = "gateway";

  private final CosmosTestServer server;
  private final String name;

  private CosmosTestDatabase(CosmosTestServer server, String name) {
    this.server = server;
    this.name = name;
  }

  public static CosmosTestDatabase create() {
    CosmosTestServer server = CosmosTestServer.shared();
    String name = "fleetwire-" + UUID.randomUUID();
    try (CosmosAsyncClient client = new CosmosClientBuilder().endpoint(server.endpoint()).key(server.key())
        .gatewayMode().buildAsyncClient()) {
      client.createDatabase(name).block();
      for (String container : CONTAINERS) {
        client.getDatabase(name).createContainer(new CosmosContainerProperties(container, "/imei")).block();
      }
    }
    return new CosmosTestDatabase(server, name);
  }

  public String endpoint() {
    return server.endpoint();
  }

  public String key() {
    return server.key();
  }

  public String name() {
    return name;
  }

  /** The settings a process reads to reach this database: the server's key, in gateway mode (all it speaks). */
  public Map<String, String> environment() {
    return Map.of(CosmosSettings.ENDPOINT_ENV, endpoint(), CosmosSettings.KEY_ENV, key(),
        CosmosSettings.DATABASE_ENV, name, CosmosSettings.CONNECTION_MODE_ENV, GATEWAY);
  }
}
