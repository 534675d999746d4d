package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;

import java.time.Duration;

/**
 * A Cosmos account where no Bicep runs and no direct connection is offered (the Cosmos DB
 * emulator, a Cosmos REST server in tests): reached in gateway mode with its key, given a new
 * database with every declared container, and the stores opened over it. Lets code outside this
 * module use real Cosmos stores without touching an Azure SDK type. On Azure Bicep deploys the
 * containers and {@link io.fleetwire.azure.AzureClients} connects directly.
 */
public final class CosmosEmulatorAccount implements AutoCloseable {
  private final CosmosAsyncClient client;
  private final CosmosAsyncDatabase database;
  private final Duration timeout;

  private CosmosEmulatorAccount(CosmosAsyncClient client, CosmosAsyncDatabase database, Duration timeout) {
    this.client = client;
    this.database = database;
    this.timeout = timeout;
  }

  /** Creates database {@code name} with every declared container; fails if it exists. */
  public static CosmosEmulatorAccount createDatabase(String endpoint, String key, String name, Duration timeout) {
    CosmosAsyncClient client = new CosmosClientBuilder().endpoint(endpoint).key(key).gatewayMode().buildAsyncClient();
    try {
      CosmosCalls.await(client.createDatabase(name), timeout);
      CosmosAsyncDatabase database = client.getDatabase(name);
      CosmosContainers.createAll(database, timeout);
      return new CosmosEmulatorAccount(client, database, timeout);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  public CosmosTelemetryStore telemetryStore() {
    return new CosmosTelemetryStore(database.getContainer(CosmosTelemetryStore.TELEMETRY),
        database.getContainer(CosmosTelemetryStore.DEVICES), database.getContainer(CosmosTelemetryStore.REJECTED), null,
        timeout);
  }

  public CosmosAlertStore alertStore() {
    return new CosmosAlertStore(database, timeout);
  }

  public CosmosCommandStore commandStore() {
    return new CosmosCommandStore(database.getContainer(CosmosCommandStore.COMMANDS), timeout);
  }

  @Override
  public void close() {
    client.close();
  }
}
