package io.fleetwire.azure.servicebus;

import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.fleetwire.azure.AzureClients;

import java.util.function.Consumer;

/** {@link ServiceBusClients} of the real service: by namespace with the managed identity, else by connection string. */
final class AzureServiceBusClients implements ServiceBusClients {
  static final AzureServiceBusClients INSTANCE = new AzureServiceBusClients();
  /**
   * A note is handled in microseconds (it only wakes the outbox), so one call at a time keeps up;
   * nothing is prefetched, so a stopping replica holds no locked notes it will never handle.
   */
  static final int MAX_CONCURRENT_CALLS = 1;
  static final int PREFETCH = 0;

  private AzureServiceBusClients() {
  }

  @Override
  public ServiceBusSenderAsyncClient telemetrySender(ServiceBusSettings settings) {
    return AzureClients.serviceBus(settings.namespace(), settings.connectionString())
        .retryOptions(ServiceBusTelemetryPublisher.retryOptions(settings))
        .sender()
        .queueName(settings.queue())
        .buildAsyncClient();
  }

  @Override
  public ServiceBusAdministrationClient administration(CommandTopicSettings topic) {
    ServiceBusAdministrationClientBuilder builder = new ServiceBusAdministrationClientBuilder();
    if (!ServiceBusSettings.isBlank(topic.namespace())) {
      builder.credential(topic.namespace(), AzureClients.credential());
    } else {
      builder.connectionString(topic.connectionString());
    }
    return builder.buildClient();
  }

  @Override
  public ServiceBusProcessorClient commandProcessor(CommandSubscriptionSettings subscription,
      Consumer<ServiceBusReceivedMessageContext> onMessage, Consumer<ServiceBusErrorContext> onError) {
    CommandTopicSettings topic = subscription.topic();
    return AzureClients.serviceBus(topic.namespace(), topic.connectionString())
        .processor()
        .topicName(topic.topic())
        .subscriptionName(subscription.name())
        .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
        .maxConcurrentCalls(MAX_CONCURRENT_CALLS)
        .prefetchCount(PREFETCH)
        .processMessage(onMessage)
        .processError(onError)
        .buildProcessorClient();
  }
}
