package io.fleetwire.azure.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.core.util.BinaryData;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessageContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ServiceBusCommandSubscriptionTest {
  private final List<String> dispatched = new ArrayList<>();
  private final ServiceBusCommandSubscription subscription =
      new ServiceBusCommandSubscription((imei, id) -> dispatched.add(imei + "/" + id));

  private static ServiceBusReceivedMessageContext received(String body) {
    ServiceBusReceivedMessage message = mock(ServiceBusReceivedMessage.class);
    when(message.getBody()).thenReturn(BinaryData.fromString(body));
    when(message.getMessageId()).thenReturn("m-1");
    ServiceBusReceivedMessageContext context = mock(ServiceBusReceivedMessageContext.class);
    when(context.getMessage()).thenReturn(message);
    return context;
  }

  @Test
  void noticeIsHandedToTheOutbox() {
    subscription.onMessage(received("{\"imei\":\"352093081452251\",\"commandId\":\"c-42\"}"));

    assertEquals(List.of("352093081452251/c-42"), dispatched);
  }

  @Test
  void unreadableOrIncompleteNoticeIsDroppedWithoutThrowing() {
    subscription.onMessage(received("not json"));
    subscription.onMessage(received("{\"imei\":\"352093081452251\"}"));

    assertTrue(dispatched.isEmpty());
  }
}
