package io.fleetwire.azure.servicebus;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.core.exception.ResourceExistsException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.CreateSubscriptionOptions;
import io.fleetwire.contract.command.CommandDispatcher;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for one Service Bus namespace at the SDK boundary, for tests where no Service Bus
 * server runs: telemetry sends complete at once and are kept; subscriptions exist only once
 * created through the administration client; a message sent to a topic reaches, as Service Bus
 * would, every started processor whose subscription exists on that topic, and nothing else (a
 * topic without subscriptions drops it). Everything above the SDK clients is the production code.
 */
public final class InProcessServiceBus implements ServiceBusClients {
  private final List<ServiceBusMessage> telemetry = new CopyOnWriteArrayList<>();
  private final Map<String, Duration> subscriptions = new ConcurrentHashMap<>();
  private final List<Processor> processors = new CopyOnWriteArrayList<>();
  private final List<String> telemetryQueues = new CopyOnWriteArrayList<>();

  private record Processor(String topic, String subscription, Consumer<ServiceBusReceivedMessageContext> onMessage,
      boolean[] running) {
  }

  @Override
  public ServiceBusSenderAsyncClient telemetrySender(ServiceBusSettings settings) {
    telemetryQueues.add(settings.queue());
    ServiceBusSenderAsyncClient sender = mock(ServiceBusSenderAsyncClient.class);
    when(sender.sendMessage(any(ServiceBusMessage.class))).thenAnswer(call -> {
      telemetry.add(call.getArgument(0));
      return Mono.empty();
    });
    return sender;
  }

  @Override
  public ServiceBusAdministrationClient administration(CommandTopicSettings topic) {
    ServiceBusAdministrationClient administration = mock(ServiceBusAdministrationClient.class);
    when(administration.createSubscription(anyString(), anyString(), any(CreateSubscriptionOptions.class)))
        .thenAnswer(call -> {
          String key = key(call.getArgument(0), call.getArgument(1));
          CreateSubscriptionOptions options = call.getArgument(2);
          if (subscriptions.putIfAbsent(key, options.getAutoDeleteOnIdle()) != null) {
            throw new ResourceExistsException("The messaging entity '" + key + "' already exists.", null);
          }
          return null;
        });
    doAnswer(call -> {
      if (subscriptions.remove(key(call.getArgument(0), call.getArgument(1))) == null) {
        throw new ResourceNotFoundException("The messaging entity was not found.", null);
      }
      return null;
    }).when(administration).deleteSubscription(anyString(), anyString());
    return administration;
  }

  @Override
  public ServiceBusProcessorClient commandProcessor(CommandSubscriptionSettings subscription,
      Consumer<ServiceBusReceivedMessageContext> onMessage, Consumer<ServiceBusErrorContext> onError) {
    Processor processor = new Processor(subscription.topic().topic(), subscription.name(), onMessage, new boolean[1]);
    processors.add(processor);
    ServiceBusProcessorClient client = mock(ServiceBusProcessorClient.class);
    doAnswer(call -> {
      synchronized (processor.running()) {
        processor.running()[0] = true;
      }
      return null;
    }).when(client).start();
    doAnswer(call -> {
      synchronized (processor.running()) {
        processor.running()[0] = false;
      }
      return null;
    }).when(client).close();
    when(client.getTopicName()).thenReturn(processor.topic());
    when(client.getSubscriptionName()).thenReturn(processor.subscription());
    return client;
  }

  /** The API side: a {@link ServiceBusCommandTopic} whose sender fans each message out as the topic would. */
  public CommandDispatcher commandTopic(String topic) {
    ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
    doAnswer(call -> {
      deliver(topic, call.getArgument(0));
      return null;
    }).when(sender).sendMessage(any(ServiceBusMessage.class));
    return new ServiceBusCommandTopic(sender);
  }

  private void deliver(String topic, ServiceBusMessage sent) {
    for (Processor processor : processors) {
      if (processor.topic().equals(topic) && subscriptions.containsKey(key(topic, processor.subscription()))) {
        synchronized (processor.running()) {
          if (processor.running()[0]) {
            processor.onMessage().accept(received(topic, processor.subscription(), sent));
          }
        }
      }
    }
  }

  private static ServiceBusReceivedMessageContext received(String topic, String subscription, ServiceBusMessage sent) {
    ServiceBusReceivedMessage message = mock(ServiceBusReceivedMessage.class);
    when(message.getBody()).thenReturn(sent.getBody());
    when(message.getMessageId()).thenReturn(sent.getMessageId());
    when(message.getSubject()).thenReturn(sent.getSubject());
    when(message.getApplicationProperties()).thenReturn(sent.getApplicationProperties());
    ServiceBusReceivedMessageContext context = mock(ServiceBusReceivedMessageContext.class);
    when(context.getMessage()).thenReturn(message);
    when(context.getEntityPath()).thenReturn(topic + "/subscriptions/" + subscription);
    return context;
  }

  /** Subscriptions that exist on {@code topic}, by name, with their auto-delete-on-idle interval. */
  public Map<String, Duration> subscriptions(String topic) {
    Map<String, Duration> found = new ConcurrentHashMap<>();
    subscriptions.forEach((key, idle) -> {
      if (key.startsWith(topic + "/")) {
        found.put(key.substring(topic.length() + 1), idle);
      }
    });
    return found;
  }

  /** Whether a started, not yet closed, processor reads {@code subscription} on {@code topic}. */
  public boolean reading(String topic, String subscription) {
    return processors.stream()
        .filter(p -> p.topic().equals(topic) && p.subscription().equals(subscription))
        .anyMatch(p -> {
          synchronized (p.running()) {
            return p.running()[0];
          }
        });
  }

  /** Telemetry envelopes sent so far. */
  public int telemetryMessages() {
    return telemetry.size();
  }

  /** Queues telemetry senders were built for. */
  public List<String> telemetryQueues() {
    return List.copyOf(telemetryQueues);
  }

  private static String key(String topic, String subscription) {
    return topic + "/" + subscription;
  }
}
