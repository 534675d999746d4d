package io.fleetwire.front.azure;

import io.fleetwire.azure.cosmos.CosmosCommandStore;
import io.fleetwire.azure.cosmos.CosmosSettings;
import io.fleetwire.azure.servicebus.CommandSubscriptionSettings;
import io.fleetwire.azure.servicebus.CommandTopicSettings;
import io.fleetwire.azure.servicebus.ReplicaCommandSubscription;
import io.fleetwire.azure.servicebus.ServiceBusClients;
import io.fleetwire.azure.servicebus.ServiceBusSettings;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.front.commands.CommandOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Device commands on Azure, for one front replica: the command outbox over the Cosmos DB
 * {@code commands} container, woken by the notes the API sends on the {@code commands} topic,
 * which this replica reads through its own subscription. The API stores a command, then sends a
 * note; every replica gets it, and the one holding the device's connection sends the command.
 * A replica that misses the note still sends the command after the device's next acked frame.
 */
public final class AzureCommands implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AzureCommands.class);

  private final CommandOutbox outbox;
  private final ReplicaCommandSubscription subscription;

  private AzureCommands(CommandOutbox outbox, ReplicaCommandSubscription subscription) {
    this.outbox = outbox;
    this.subscription = subscription;
  }

  /** Commands need both: the store (Cosmos DB) and the notes (the Service Bus namespace). */
  public static boolean isConfigured(Map<String, String> env) {
    return ServiceBusSettings.isConfigured(env) && !isBlank(env.get(CosmosSettings.ENDPOINT_ENV));
  }

  /**
   * Builds the store and outbox, creates this replica's subscription and starts reading it.
   *
   * @param replicaId names the subscription: the front id, by default the replica's host name
   * @param responseTimeout a sent command unanswered this long expires
   */
  public static AzureCommands start(Map<String, String> env, String replicaId, Duration responseTimeout,
      ServiceBusClients clients) {
    CommandStore store = CosmosCommandStore.create(CosmosSettings.fromEnvironment(env));
    CommandOutbox outbox = new CommandOutbox(store, Clock.systemUTC(), responseTimeout);
    try {
      CommandSubscriptionSettings settings =
          CommandSubscriptionSettings.forReplica(CommandTopicSettings.fromEnvironment(env), replicaId);
      ReplicaCommandSubscription subscription = ReplicaCommandSubscription.open(settings, outbox, clients);
      LOG.info("device commands: Cosmos DB container {}, notes from topic {} subscription {}, response timeout {}",
          CosmosCommandStore.COMMANDS, settings.topic().topic(), subscription.name(), responseTimeout);
      return new AzureCommands(outbox, subscription);
    } catch (RuntimeException e) {
      outbox.close();
      throw e;
    }
  }

  /** Sends the commands and hears the answers: the front's session listener. */
  public CommandOutbox outbox() {
    return outbox;
  }

  /** The first step of a stop: no more notes are read, and the subscription is deleted. */
  public void stopNotes() {
    subscription.close();
  }

  /** Stops reading notes (if not yet), then the outbox; a command still in flight ends failed. */
  @Override
  public void close() {
    stopNotes();
    outbox.close();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
