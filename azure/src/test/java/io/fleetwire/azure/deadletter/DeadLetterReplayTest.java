package io.fleetwire.azure.deadletter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.core.amqp.models.AmqpAnnotatedMessage;
import com.azure.core.amqp.models.AmqpMessageBody;
import com.azure.core.amqp.models.AmqpMessageId;
import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusErrorSource;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The replay at the Service Bus SDK boundary (no Service Bus server runs here): what it sends, and
 * that a dead letter is completed only after its copy was sent.
 */
class DeadLetterReplayTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final ServiceBusReceiverClient deadLetters = mock(ServiceBusReceiverClient.class);
  private final ServiceBusSenderClient queue = mock(ServiceBusSenderClient.class);
  private final DeadLetterReplay replay = new DeadLetterReplay(deadLetters, queue, Clock.fixed(NOW, ZoneOffset.UTC));

  /** A dead letter as the SDK hands it over: the copy constructor reads its raw AMQP message. */
  private static ServiceBusReceivedMessage deadLetter(long sequence, String id, Duration age) {
    AmqpAnnotatedMessage raw = new AmqpAnnotatedMessage(AmqpMessageBody.fromData(("{\"envelope\":" + sequence + "}")
        .getBytes(StandardCharsets.UTF_8)));
    raw.getProperties().setMessageId(new AmqpMessageId(id));
    raw.getProperties().setContentType("application/json");
    raw.getApplicationProperties().put("schema", 2);
    raw.getApplicationProperties().put("DeadLetterReason", "MaxDeliveryCountExceeded");
    ServiceBusReceivedMessage message = mock(ServiceBusReceivedMessage.class);
    when(message.getRawAmqpMessage()).thenReturn(raw);
    when(message.getMessageId()).thenReturn(id);
    when(message.getSequenceNumber()).thenReturn(sequence);
    when(message.getEnqueuedTime()).thenReturn(OffsetDateTime.ofInstant(NOW.minus(age), ZoneOffset.UTC));
    when(message.getDeadLetterReason()).thenReturn("MaxDeliveryCountExceeded");
    when(message.getDeadLetterErrorDescription()).thenReturn("Message could not be consumed after 10 delivery attempts.");
    return message;
  }

  @SafeVarargs
  private void receiving(List<ServiceBusReceivedMessage>... batches) {
    var stubbing = when(deadLetters.receiveMessages(anyInt(), any(Duration.class)));
    for (List<ServiceBusReceivedMessage> batch : batches) {
      stubbing = stubbing.thenReturn(new IterableStream<>(batch));
    }
    stubbing.thenReturn(new IterableStream<>(List.of()));
  }

  @Test
  void sendsACopyWithBodyIdAndPropertiesThenCompletes() {
    ServiceBusReceivedMessage first = deadLetter(1, "env-1", Duration.ofHours(2));
    ServiceBusReceivedMessage second = deadLetter(2, "env-2", Duration.ofHours(1));
    receiving(List.of(first, second));

    DeadLetterReplay.Outcome outcome = replay.replay(100, WINDOW);

    assertEquals(new DeadLetterReplay.Outcome(2, 0, 0, null), outcome);
    ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
    verify(queue, times(2)).sendMessage(sent.capture());
    ServiceBusMessage copy = sent.getAllValues().get(0);
    assertEquals("env-1", copy.getMessageId());
    assertArrayEquals("{\"envelope\":1}".getBytes(StandardCharsets.UTF_8), copy.getBody().toBytes());
    assertEquals(2, copy.getApplicationProperties().get("schema"));
    assertEquals("application/json", copy.getContentType());
    assertNull(copy.getApplicationProperties().get("DeadLetterReason"), "the copy must not carry the old verdict");
    InOrder order = inOrder(queue, deadLetters);
    order.verify(queue).sendMessage(any());
    order.verify(deadLetters).complete(first);
    order.verify(queue).sendMessage(any());
    order.verify(deadLetters).complete(second);
  }

  @Test
  void aFailedSendAbandonsTheDeadLetterCompletesNothingAndStops() {
    ServiceBusReceivedMessage first = deadLetter(1, "env-1", Duration.ofHours(2));
    ServiceBusReceivedMessage second = deadLetter(2, "env-2", Duration.ofHours(2));
    receiving(List.of(first, second));
    doThrow(new ServiceBusException(new IllegalStateException("namespace busy"), ServiceBusErrorSource.SEND))
        .when(queue).sendMessage(any());

    DeadLetterReplay.Outcome outcome = replay.replay(100, WINDOW);

    assertEquals(0, outcome.moved());
    assertTrue(outcome.failure().startsWith("sending env-1 failed"), outcome.failure());
    verify(deadLetters, never()).complete(any());
    verify(deadLetters).abandon(first);
    verify(deadLetters).abandon(second);
    verify(queue, times(1)).sendMessage(any());
  }

  @Test
  void aFailedCompleteAfterASuccessfulSendIsCountedNotRetried() {
    ServiceBusReceivedMessage first = deadLetter(1, "env-1", Duration.ofHours(2));
    receiving(List.of(first));
    doThrow(new IllegalStateException("lock lost")).when(deadLetters).complete(first);

    assertEquals(new DeadLetterReplay.Outcome(0, 0, 1, null), replay.replay(100, WINDOW));
    verify(queue, times(1)).sendMessage(any());
  }

  @Test
  void leavesMessagesYoungerThanTheDuplicateWindowDeadLettered() {
    ServiceBusReceivedMessage young = deadLetter(1, "env-young", Duration.ofMinutes(3));
    ServiceBusReceivedMessage old = deadLetter(2, "env-old", Duration.ofMinutes(30));
    // The young one comes back once its lock is given up: the run must end, not spin.
    receiving(List.of(young, old), List.of(young));

    assertEquals(new DeadLetterReplay.Outcome(1, 1, 0, null), replay.replay(100, WINDOW));
    ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
    verify(queue).sendMessage(sent.capture());
    assertEquals("env-old", sent.getValue().getMessageId());
    verify(deadLetters, never()).complete(young);
    verify(deadLetters, times(2)).abandon(young);
  }

  @Test
  void stopsAtMaxAndGivesBackTheRest() {
    List<ServiceBusReceivedMessage> batch = new ArrayList<>();
    for (long i = 1; i <= 5; i++) {
      batch.add(deadLetter(i, "env-" + i, Duration.ofHours(1)));
    }
    receiving(batch);

    assertEquals(2, replay.replay(2, WINDOW).moved());
    verify(queue, times(2)).sendMessage(any());
    verify(deadLetters).abandon(batch.get(2));
    verify(deadLetters).abandon(batch.get(4));
  }

  @Test
  void dryRunPeeksWithoutLockingOrSettling() {
    ServiceBusReceivedMessage first = deadLetter(1, "env-1", Duration.ofHours(2));
    ServiceBusReceivedMessage second = deadLetter(2, "env-2", Duration.ofHours(1));
    when(deadLetters.peekMessages(anyInt()))
        .thenReturn(new IterableStream<>(List.of(first, second)), new IterableStream<>(List.of()));

    List<DeadLetterReplay.DeadLetter> listed = replay.list(10);

    assertEquals(List.of("env-1", "env-2"), listed.stream().map(DeadLetterReplay.DeadLetter::messageId).toList());
    assertEquals("MaxDeliveryCountExceeded", listed.get(0).reason());
    assertEquals(OffsetDateTime.ofInstant(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC), listed.get(0).enqueuedTime());
    verify(deadLetters, never()).receiveMessages(anyInt(), any(Duration.class));
    verify(deadLetters, never()).complete(any());
    verify(deadLetters, never()).abandon(any());
    verify(queue, never()).sendMessage(any());
    assertTrue(Arrays.asList(listed.get(1).description().split(" ")).contains("10"));
  }
}
