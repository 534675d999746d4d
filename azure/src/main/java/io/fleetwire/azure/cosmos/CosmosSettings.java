package io.fleetwire.azure.cosmos;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Cosmos DB store lives. {@code key} is optional: without it the account is reached
 * with {@code DefaultAzureCredential} (managed identity on Azure).
 *
 * @param telemetryTtl retention of telemetry documents, written as each document's {@code ttl};
 *     null leaves expiry to the container's {@code defaultTimeToLive}. A per-document {@code ttl}
 *     only takes effect when the container has time-to-live enabled ({@code defaultTimeToLive}
 *     set, {@code -1} for "no default").
 * @param operationTimeout bound of one store call, beyond which it counts as unavailable
 * @param connectionMode direct (TCP to the replicas, ports 10000-20000: the fastest) or gateway
 *     (HTTPS on 443 only: through strict firewalls, with fewer sockets, and what a Cosmos DB
 *     REST server in tests speaks)
 */
public record CosmosSettings(String endpoint, String key, String database, Duration telemetryTtl,
    Duration operationTimeout, ConnectionMode connectionMode) {

  /** How the client reaches the account: the SDK's two connectivity modes. */
  public enum ConnectionMode { direct, gateway }

  public static final String ENDPOINT_ENV = "FLEETWIRE_COSMOS_ENDPOINT";
  public static final String KEY_ENV = "FLEETWIRE_COSMOS_KEY";
  public static final String DATABASE_ENV = "FLEETWIRE_COSMOS_DATABASE";
  public static final String TELEMETRY_TTL_DAYS_ENV = "FLEETWIRE_TELEMETRY_TTL_DAYS";
  public static final String CONNECTION_MODE_ENV = "FLEETWIRE_COSMOS_CONNECTION_MODE";
  public static final String DEFAULT_DATABASE = "fleetwire";
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(30);

  public CosmosSettings {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(ENDPOINT_ENV + " is not set (e.g. https://fleetwire.documents.azure.com:443/)");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException("Cosmos database name is empty");
    }
    if (telemetryTtl != null && telemetryTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("telemetry retention must be at least one second, got " + telemetryTtl);
    }
    if (operationTimeout == null || operationTimeout.isNegative() || operationTimeout.isZero()) {
      throw new IllegalArgumentException("operation timeout must be positive, got " + operationTimeout);
    }
    if (connectionMode == null) {
      throw new IllegalArgumentException("Cosmos connection mode is missing (direct or gateway)");
    }
  }

  /** Settings in direct mode, the SDK's default. */
  public CosmosSettings(String endpoint, String key, String database, Duration telemetryTtl, Duration operationTimeout) {
    this(endpoint, key, database, telemetryTtl, operationTimeout, ConnectionMode.direct);
  }

  /**
   * Reads {@value #ENDPOINT_ENV}, {@value #KEY_ENV}, {@value #DATABASE_ENV} (default
   * {@value #DEFAULT_DATABASE}), {@value #TELEMETRY_TTL_DAYS_ENV} (default: container's TTL) and
   * {@value #CONNECTION_MODE_ENV} ({@code direct} or {@code gateway}, default direct).
   */
  public static CosmosSettings fromEnvironment(Map<String, String> env) {
    String database = env.get(DATABASE_ENV);
    String ttlDays = env.get(TELEMETRY_TTL_DAYS_ENV);
    Duration ttl = null;
    if (ttlDays != null && !ttlDays.isBlank()) {
      try {
        ttl = Duration.ofDays(Long.parseLong(ttlDays.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(TELEMETRY_TTL_DAYS_ENV + " must be a whole number of days, got '"
            + ttlDays + "'", e);
      }
    }
    String key = env.get(KEY_ENV);
    return new CosmosSettings(env.get(ENDPOINT_ENV), key == null || key.isBlank() ? null : key,
        database == null || database.isBlank() ? DEFAULT_DATABASE : database, ttl, DEFAULT_OPERATION_TIMEOUT,
        connectionMode(env.get(CONNECTION_MODE_ENV)));
  }

  private static ConnectionMode connectionMode(String text) {
    if (text == null || text.isBlank()) {
      return ConnectionMode.direct;
    }
    try {
      return ConnectionMode.valueOf(text.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CONNECTION_MODE_ENV + " must be direct or gateway, got '" + text + "'", e);
    }
  }

  /** Never prints the account key. */
  @Override
  public String toString() {
    return "CosmosSettings[endpoint=" + endpoint + ", key=" + (key == null ? "" : "***") + ", database=" + database
        + ", telemetryTtl=" + telemetryTtl + ", operationTimeout=" + operationTimeout + ", connectionMode="
        + connectionMode + "]";
  }
}
