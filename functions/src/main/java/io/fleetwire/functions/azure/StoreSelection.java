package io.fleetwire.functions.azure;

import io.fleetwire.functions.cosmos.CosmosSettings;
import io.fleetwire.functions.cosmos.CosmosTelemetryStore;
import io.fleetwire.functions.store.TelemetryStore;

import java.util.Map;
import java.util.function.Supplier;

/** Chooses the Functions app's {@link TelemetryStore} from its app settings (DESIGN "Configuration"). */
final class StoreSelection {
  static final String COSMOS_ENDPOINT = "FLEETWIRE_COSMOS_ENDPOINT";
  static final String COSMOS_DATABASE = "FLEETWIRE_COSMOS_DATABASE";

  private StoreSelection() {
  }

  /** The store the settings name; the supplier throws, saying what is missing, when there is none. */
  static Supplier<TelemetryStore> fromEnvironment(Map<String, String> env) {
    String endpoint = env.get(COSMOS_ENDPOINT);
    if (endpoint == null || endpoint.isBlank()) {
      return () -> {
        throw new IllegalStateException(COSMOS_ENDPOINT + " is not set: the Functions app stores telemetry in "
            + "Cosmos DB and needs the account endpoint, e.g. https://<account>.documents.azure.com:443/");
      };
    }
    return () -> CosmosTelemetryStore.create(CosmosSettings.fromEnvironment(env));
  }
}
