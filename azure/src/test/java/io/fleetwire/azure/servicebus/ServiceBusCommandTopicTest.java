package io.fleetwire.azure.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.command.CommandNotice;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ServiceBusCommandTopicTest {
  private static final String IMEI = "352093081452251";
  private final ServiceBusSenderClient sender = mock(ServiceBusSenderClient.class);
  private final ServiceBusCommandTopic topic = new ServiceBusCommandTopic(sender);

  @Test
  void sendsOneNoticeWithTheCommandIdAsMessageIdAndTheImeiAsProperty() throws Exception {
    topic.commandQueued(IMEI, "c-42");

    ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
    verify(sender).sendMessage(sent.capture());
    ServiceBusMessage message = sent.getValue();
    assertEquals(new CommandNotice(IMEI, "c-42"),
        Json.mapper().readValue(message.getBody().toBytes(), CommandNotice.class));
    assertEquals("c-42", message.getMessageId());
    assertEquals(ServiceBusCommandTopic.CONTENT_TYPE, message.getContentType());
    assertEquals(ServiceBusCommandTopic.SUBJECT, message.getSubject());
    assertEquals(IMEI, message.getApplicationProperties().get(ServiceBusCommandTopic.IMEI_PROPERTY));
  }

  @Test
  void aRefusedSendReachesTheCaller() {
    doThrow(new IllegalStateException("namespace unreachable")).when(sender).sendMessage(any(ServiceBusMessage.class));

    assertThrows(IllegalStateException.class, () -> topic.commandQueued(IMEI, "c-43"));
  }

  @Test
  void closeClosesTheSender() {
    topic.close();

    verify(sender).close();
  }
}
