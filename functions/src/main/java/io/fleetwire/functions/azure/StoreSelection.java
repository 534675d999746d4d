package io.fleetwire.functions.azure;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.functions.commands.ServiceBusCommandTopic;
import io.fleetwire.functions.cosmos.CosmosCommandStore;
import io.fleetwire.functions.cosmos.CosmosSettings;
import io.fleetwire.functions.cosmos.CosmosTelemetryStore;
import io.fleetwire.functions.store.TelemetryStore;

import java.util.Map;
import java.util.function.Supplier;

/** Chooses the Functions app's {@link TelemetryStore} from its app settings (DESIGN "Configuration"). */
final class StoreSelection {
  static final String COSMOS_ENDPOINT = "FLEETWIRE_COSMOS_ENDPOINT";
  static final String COSMOS_DATABASE = "FLEETWIRE_COSMOS_DATABASE";
  static final String SERVICEBUS_NAMESPACE = "FLEETWIRE_SERVICEBUS_NAMESPACE";
  static final String COMMANDS_TOPIC = "FLEETWIRE_COMMANDS_TOPIC";
  static final String DEFAULT_COMMANDS_TOPIC = "commands";

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

  /** Commands live beside the telemetry, in the account's {@code commands} container. */
  static Supplier<CommandStore> commandsFromEnvironment(Map<String, String> env) {
    return () -> CosmosCommandStore.create(CosmosSettings.fromEnvironment(env));
  }

  /**
   * Notes on the {@code commands} topic wake the front that holds the device. Without a namespace
   * no note is sent; the front still delivers queued commands after the device's next acked frame.
   */
  static CommandDispatcher dispatcherFromEnvironment(Map<String, String> env) {
    String namespace = env.get(SERVICEBUS_NAMESPACE);
    if (namespace == null || namespace.isBlank()) {
      return CommandDispatcher.none();
    }
    String topic = env.getOrDefault(COMMANDS_TOPIC, DEFAULT_COMMANDS_TOPIC);
    return new ServiceBusCommandTopic(new ServiceBusClientBuilder()
        .fullyQualifiedNamespace(namespace)
        .credential(new DefaultAzureCredentialBuilder().build())
        .sender()
        .topicName(topic)
        .buildClient());
  }
}
