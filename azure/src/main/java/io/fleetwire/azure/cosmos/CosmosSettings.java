package io.fleetwire.azure.cosmos;

import java.time.Duration;
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
 */
public record CosmosSettings(String endpoint, String key, String database, Duration telemetryTtl,
    Duration operationTimeout) {

  public static final String ENDPOINT_ENV = "FLEETWIRE_COSMOS_ENDPOINT";
  public static final String KEY_ENV = "FLEETWIRE_COSMOS_KEY";
  public static final String DATABASE_ENV = "FLEETWIRE_COSMOS_DATABASE";
  public static final String TELEMETRY_TTL_DAYS_ENV = "FLEETWIRE_TELEMETRY_TTL_DAYS";
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
  }

  /**
   * Reads {@value #ENDPOINT_ENV}, {@value #KEY_ENV}, {@value #DATABASE_ENV} (default
   * {@value #DEFAULT_DATABASE}) and {@value #TELEMETRY_TTL_DAYS_ENV} (default: container's TTL).
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
        database == null || database.isBlank() ? DEFAULT_DATABASE : database, ttl, DEFAULT_OPERATION_TIMEOUT);
  }

  /** Never prints the account key. */
  @Override
  public String toString() {
    return "CosmosSettings[endpoint=" + endpoint + ", key=" + (key == null ? "" : "***") + ", database=" + database
        + ", telemetryTtl=" + telemetryTtl + ", operationTimeout=" + operationTimeout + "]";
  }
}
