package io.fleetwire.azure.servicebus;

import com.azure.core.exception.ResourceExistsException;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.CreateSubscriptionOptions;
import io.fleetwire.contract.command.CommandDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A front replica's own subscription on the {@code commands} topic, alive while the replica runs:
 * created at start (a topic delivers nothing to a subscription that does not exist yet), read by a
 * processor that hands every note to the replica's command outbox, and deleted on a graceful stop.
 * A replica killed without stopping leaves it behind; Service Bus deletes it once idle for
 * {@link CommandSubscriptionSettings#autoDeleteOnIdle()}.
 */
public final class ReplicaCommandSubscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaCommandSubscription.class);

  private final CommandSubscriptionSettings settings;
  private final ServiceBusAdministrationClient administration;
  private final ServiceBusProcessorClient processor;
  private boolean closed;

  private ReplicaCommandSubscription(CommandSubscriptionSettings settings, ServiceBusAdministrationClient administration,
      ServiceBusProcessorClient processor) {
    this.settings = settings;
    this.administration = administration;
    this.processor = processor;
  }

  /**
   * Creates the subscription (or finds the one a restarted container left) and starts reading it.
   *
   * @throws RuntimeException from the SDK when the namespace refuses (e.g. the identity lacks
   *     Azure Service Bus Data Owner on the topic): a front that could never receive a command
   *     note does not start
   */
  public static ReplicaCommandSubscription open(CommandSubscriptionSettings settings, CommandDispatcher outbox,
      ServiceBusClients clients) {
    ServiceBusAdministrationClient administration = clients.administration(settings.topic());
    String topic = settings.topic().topic();
    try {
      administration.createSubscription(topic, settings.name(),
          new CreateSubscriptionOptions().setAutoDeleteOnIdle(settings.autoDeleteOnIdle()));
      LOG.info("created subscription {} on topic {} (deleted after {} idle)", settings.name(), topic,
          settings.autoDeleteOnIdle());
    } catch (ResourceExistsException e) {
      LOG.info("subscription {} on topic {} exists already (this replica restarted); reading it", settings.name(), topic);
    }
    ServiceBusCommandSubscription notes = new ServiceBusCommandSubscription(outbox);
    ServiceBusProcessorClient processor = clients.commandProcessor(settings, notes::onMessage, notes::onError);
    try {
      processor.start();
    } catch (RuntimeException e) {
      processor.close();
      throw e;
    }
    return new ReplicaCommandSubscription(settings, administration, processor);
  }

  public String name() {
    return settings.name();
  }

  /** Stops reading, then deletes the subscription; a failed delete leaves it to auto-delete. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    processor.close();
    try {
      administration.deleteSubscription(settings.topic().topic(), settings.name());
      LOG.info("deleted subscription {} on topic {}", settings.name(), settings.topic().topic());
    } catch (RuntimeException e) {
      LOG.warn("subscription {} on topic {} not deleted ({}); Service Bus deletes it after {} idle", settings.name(),
          settings.topic().topic(), e.toString(), settings.autoDeleteOnIdle());
    }
  }
}
