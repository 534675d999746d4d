package io.fleetwire.azure.servicebus;

import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The front's side of the {@code commands} topic: each replica reads its own subscription and
 * hands every note to its command outbox, which sends the command when this replica holds the
 * device and ignores it otherwise. Plug {@link #onMessage} and {@link #onError} into a
 * {@code ServiceBusProcessorClient} (receive mode peek-lock, auto-complete): a note that cannot be
 * read is logged and completed, never retried, since the command is in the store anyway.
 */
public final class ServiceBusCommandSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceBusCommandSubscription.class);

  private final CommandDispatcher outbox;

  public ServiceBusCommandSubscription(CommandDispatcher outbox) {
    this.outbox = outbox;
  }

  public void onMessage(ServiceBusReceivedMessageContext context) {
    ServiceBusReceivedMessage message = context.getMessage();
    CommandNotice notice;
    try {
      notice = Json.mapper().readValue(message.getBody().toBytes(), CommandNotice.class);
    } catch (IOException e) {
      LOG.warn("command notice {} is not readable ({}); dropped", message.getMessageId(), e.getMessage());
      return;
    }
    if (notice.imei() == null || notice.commandId() == null) {
      LOG.warn("command notice {} lacks imei or commandId; dropped", message.getMessageId());
      return;
    }
    outbox.commandQueued(notice.imei(), notice.commandId());
  }

  public void onError(ServiceBusErrorContext context) {
    LOG.warn("commands subscription error from {} ({}): {}", context.getFullyQualifiedNamespace(),
        context.getErrorSource(), String.valueOf(context.getException()));
  }
}
