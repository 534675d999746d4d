package io.fleetwire.functions.azure;

import io.fleetwire.azure.cosmos.CosmosCommandStore;
import io.fleetwire.azure.cosmos.CosmosFleetDayStore;
import io.fleetwire.azure.cosmos.CosmosSettings;
import io.fleetwire.azure.cosmos.CosmosTelemetryStore;
import io.fleetwire.azure.servicebus.CommandTopicSettings;
import io.fleetwire.azure.servicebus.ServiceBusCommandTopic;
import io.fleetwire.azure.servicebus.ServiceBusSettings;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.TelemetryStore;

import java.util.Map;
import java.util.function.Supplier;

/** Chooses the Functions app's stores and command dispatcher from its app settings (DESIGN "Configuration"). */
final class StoreSelection {

  private StoreSelection() {
  }

  /** The store the settings name; the supplier throws, saying what is missing, when there is none. */
  static Supplier<TelemetryStore> fromEnvironment(Map<String, String> env) {
    String endpoint = env.get(CosmosSettings.ENDPOINT_ENV);
    if (endpoint == null || endpoint.isBlank()) {
      return () -> {
        throw new IllegalStateException(CosmosSettings.ENDPOINT_ENV + " is not set: the Functions app stores "
            + "telemetry in Cosmos DB and needs the account endpoint, e.g. https://<account>.documents.azure.com:443/");
      };
    }
    return () -> CosmosTelemetryStore.create(CosmosSettings.fromEnvironment(env));
  }

  /** Commands live beside the telemetry, in the account's {@code commands} container. */
  static Supplier<CommandStore> commandsFromEnvironment(Map<String, String> env) {
    return () -> CosmosCommandStore.create(CosmosSettings.fromEnvironment(env));
  }

  /** Computed daily fleet reports live beside the telemetry, in the account's {@code dailyReports} container. */
  static Supplier<FleetDayStore> fleetDaysFromEnvironment(Map<String, String> env) {
    return () -> CosmosFleetDayStore.create(CosmosSettings.fromEnvironment(env));
  }

  /**
   * Notes on the {@code commands} topic wake the front that holds the device. Without a namespace
   * no note is sent; the front still delivers queued commands after the device's next acked frame.
   */
  static CommandDispatcher dispatcherFromEnvironment(Map<String, String> env) {
    if (!ServiceBusSettings.isConfigured(env)) {
      return CommandDispatcher.none();
    }
    return ServiceBusCommandTopic.create(CommandTopicSettings.fromEnvironment(env));
  }
}
