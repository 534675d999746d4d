package io.fleetwire.azure.servicebus;

import io.fleetwire.azure.AzureClients;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandNotice;

/**
 * Tells the fronts about new commands through the {@code commands} Service Bus topic: one small
 * message per command, its id as {@code MessageId} (duplicate detection drops a resend) and the
 * IMEI as an application property, so a subscription may filter on it.
 */
public final class ServiceBusCommandTopic implements CommandDispatcher, AutoCloseable {
  public static final String CONTENT_TYPE = "application/json";
  public static final String SUBJECT = "command-queued";
  public static final String IMEI_PROPERTY = "imei";

  private final ServiceBusSenderClient sender;

  /** Takes ownership of {@code sender} (a sender for the {@code commands} topic). */
  public ServiceBusCommandTopic(ServiceBusSenderClient sender) {
    this.sender = sender;
  }

  /** A sender on the topic the settings name, reached as {@link AzureClients#serviceBus} says. */
  public static ServiceBusCommandTopic create(CommandTopicSettings settings) {
    return new ServiceBusCommandTopic(AzureClients.serviceBus(settings.namespace(), settings.connectionString())
        .sender()
        .topicName(settings.topic())
        .buildClient());
  }

  /** Sends the note; throws when Service Bus refuses it (the command stays stored and queued). */
  @Override
  public void commandQueued(String imei, String commandId) {
    byte[] body;
    try {
      body = Json.mapper().writeValueAsBytes(new CommandNotice(imei, commandId));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("command notice is not writable as JSON", e);
    }
    ServiceBusMessage message = new ServiceBusMessage(body)
        .setContentType(CONTENT_TYPE)
        .setSubject(SUBJECT)
        .setMessageId(commandId);
    message.getApplicationProperties().put(IMEI_PROPERTY, imei);
    sender.sendMessage(message);
  }

  @Override
  public void close() {
    sender.close();
  }
}
