package io.fleetwire.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.fleetwire.azure.cosmos.CosmosSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place Azure clients are built. A process keeps one credential and one Cosmos client per
 * account: both are expensive (token cache, connection pools) and a Functions worker reuses them
 * across invocations. Keys and connection strings are accepted but never required; without them
 * the managed identity is used through {@code DefaultAzureCredential} (DESIGN "Configuration").
 */
public final class AzureClients {
  private static final Logger LOG = LoggerFactory.getLogger(AzureClients.class);
  private static final Map<String, CosmosAsyncClient> COSMOS = new ConcurrentHashMap<>();
  private static final Object CREDENTIAL_LOCK = new Object();
  private static volatile TokenCredential credential;

  private AzureClients() {
  }

  /** This process's {@code DefaultAzureCredential}, built on first use. */
  public static TokenCredential credential() {
    TokenCredential current = credential;
    if (current == null) {
      synchronized (CREDENTIAL_LOCK) {
        current = credential;
        if (current == null) {
          current = new DefaultAzureCredentialBuilder().build();
          credential = current;
        }
      }
    }
    return current;
  }

  /** The database on this process's client for the account the settings name. */
  public static CosmosAsyncDatabase cosmosDatabase(CosmosSettings settings) {
    return COSMOS.computeIfAbsent(settings.endpoint() + '\n' + (settings.key() == null ? "" : settings.key()) + '\n'
        + settings.connectionMode(), k -> cosmosClient(settings)).getDatabase(settings.database());
  }

  private static CosmosAsyncClient cosmosClient(CosmosSettings settings) {
    LOG.info("Connecting to Cosmos DB: {}", settings);
    CosmosClientBuilder builder = new CosmosClientBuilder().endpoint(settings.endpoint());
    if (settings.connectionMode() == CosmosSettings.ConnectionMode.gateway) {
      builder.gatewayMode();
    } else {
      builder.directMode();
    }
    if (settings.key() != null) {
      builder.key(settings.key());
    } else {
      builder.credential(credential());
    }
    return builder.buildAsyncClient();
  }

  /**
   * A builder for the namespace: by name with the managed identity when {@code namespace} is set,
   * else by connection string.
   */
  public static ServiceBusClientBuilder serviceBus(String namespace, String connectionString) {
    ServiceBusClientBuilder builder = new ServiceBusClientBuilder();
    if (namespace != null && !namespace.isBlank()) {
      return builder.fullyQualifiedNamespace(namespace).credential(credential());
    }
    if (connectionString == null || connectionString.isBlank()) {
      throw new IllegalArgumentException("Service Bus needs a namespace or a connection string");
    }
    return builder.connectionString(connectionString);
  }
}
