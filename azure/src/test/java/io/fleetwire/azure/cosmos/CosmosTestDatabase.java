package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosClientBuilder;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the shared Cosmos test server holding every container as declared in
 * {@code infra/cosmos/containers}, described by the settings a process reads to reach it: for
 * tests outside this module, which build their stores from settings and never touch the SDK.
 */
public final class CosmosTestDatabase {
  /** The only connectivity mode the test server speaks. */
  public static final String GATEWAY = "gateway";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

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
      CosmosCalls.await(client.createDatabase(name), TIMEOUT);
      CosmosContainers.createAll(client.getDatabase(name), TIMEOUT);
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

  /** The settings a process reads to reach this database: the server's key, in gateway mode. */
  public Map<String, String> environment() {
    return Map.of(CosmosSettings.ENDPOINT_ENV, endpoint(), CosmosSettings.KEY_ENV, key(),
        CosmosSettings.DATABASE_ENV, name, CosmosSettings.CONNECTION_MODE_ENV, GATEWAY);
  }
}
