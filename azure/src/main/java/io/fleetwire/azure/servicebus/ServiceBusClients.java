package io.fleetwire.azure.servicebus;

import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;

import java.util.function.Consumer;

/**
 * The front's Service Bus clients, built where Service Bus begins: the one seam a test replaces
 * with an in-process stand-in, since no Service Bus server runs outside Azure. Everything above it
 * (envelopes, subscription lifecycle, notes to the outbox) is the production code under test.
 */
public interface ServiceBusClients {

  /** The long-lived sender of telemetry envelopes to the queue the settings name. */
  ServiceBusSenderAsyncClient telemetrySender(ServiceBusSettings settings);

  /** The administration client of the topic's namespace: creates and deletes subscriptions. */
  ServiceBusAdministrationClient administration(CommandTopicSettings topic);

  /** A processor on the subscription, not started; peek-lock, each note completed once handled. */
  ServiceBusProcessorClient commandProcessor(CommandSubscriptionSettings subscription,
      Consumer<ServiceBusReceivedMessageContext> onMessage, Consumer<ServiceBusErrorContext> onError);

  /** The clients of the real service, reached as {@link io.fleetwire.azure.AzureClients} says. */
  static ServiceBusClients azure() {
    return AzureServiceBusClients.INSTANCE;
  }
}
