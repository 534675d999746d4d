package io.fleetwire.azure.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.core.exception.HttpResponseException;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.CreateSubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

class ReplicaCommandSubscriptionTest {
  private static final CommandTopicSettings TOPIC =
      new CommandTopicSettings("fleet.servicebus.windows.net", null, "commands");
  private final InProcessServiceBus bus = new InProcessServiceBus();
  private final List<String> notes = new CopyOnWriteArrayList<>();

  @Test
  void eachReplicaCreatesItsOwnSubscriptionAndEveryOneGetsEveryNote() {
    try (ReplicaCommandSubscription one = ReplicaCommandSubscription.open(
            CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> notes.add("1:" + id), bus);
        ReplicaCommandSubscription two = ReplicaCommandSubscription.open(
            CommandSubscriptionSettings.forReplica(TOPIC, "front-2"), (imei, id) -> notes.add("2:" + id), bus)) {
      assertEquals(Map.of("front-1", Duration.ofHours(1), "front-2", Duration.ofHours(1)), bus.subscriptions("commands"));

      bus.commandTopic("commands").commandQueued("352093081452251", "c-1");

      assertEquals(List.of("1:c-1", "2:c-1"), notes.stream().sorted().toList());
    }
  }

  @Test
  void closingStopsTheProcessorThenDeletesTheSubscription() {
    ReplicaCommandSubscription subscription = ReplicaCommandSubscription.open(
        CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> notes.add(id), bus);
    assertTrue(bus.reading("commands", "front-1"));

    subscription.close();

    assertFalse(bus.reading("commands", "front-1"));
    assertTrue(bus.subscriptions("commands").isEmpty());
    bus.commandTopic("commands").commandQueued("352093081452251", "c-2");
    assertTrue(notes.isEmpty(), "a closed replica reads no more notes");
  }

  @Test
  void aSubscriptionLeftByARestartedContainerIsReadAgain() {
    ReplicaCommandSubscription first = ReplicaCommandSubscription.open(
        CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> { }, bus);
    try (ReplicaCommandSubscription again = ReplicaCommandSubscription.open(
        CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> notes.add(id), bus)) {
      bus.commandTopic("commands").commandQueued("352093081452251", "c-3");
      assertTrue(notes.contains("c-3"));
    } finally {
      first.close();
    }
  }

  @Test
  void aSubscriptionThatCannotBeDeletedIsLeftToAutoDelete() {
    ServiceBusAdministrationClient administration = mock(ServiceBusAdministrationClient.class);
    ServiceBusProcessorClient processor = mock(ServiceBusProcessorClient.class);
    doThrow(new HttpResponseException("403 Unauthorized", null)).when(administration)
        .deleteSubscription(anyString(), anyString());
    ReplicaCommandSubscription subscription = ReplicaCommandSubscription.open(
        CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> { }, clients(administration, processor));

    subscription.close();
    subscription.close();

    InOrder order = inOrder(processor, administration);
    order.verify(processor).start();
    order.verify(processor).close();
    order.verify(administration).deleteSubscription("commands", "front-1");
  }

  @Test
  void aNamespaceThatRefusesTheSubscriptionStopsTheStart() {
    ServiceBusAdministrationClient administration = mock(ServiceBusAdministrationClient.class);
    ServiceBusProcessorClient processor = mock(ServiceBusProcessorClient.class);
    when(administration.createSubscription(anyString(), anyString(), any(CreateSubscriptionOptions.class)))
        .thenThrow(new HttpResponseException("401 Unauthorized: Manage claim required", null));

    assertThrows(HttpResponseException.class, () -> ReplicaCommandSubscription.open(
        CommandSubscriptionSettings.forReplica(TOPIC, "front-1"), (imei, id) -> { }, clients(administration, processor)));
  }

  private static ServiceBusClients clients(ServiceBusAdministrationClient administration,
      ServiceBusProcessorClient processor) {
    ServiceBusClients clients = mock(ServiceBusClients.class);
    when(clients.administration(any())).thenReturn(administration);
    when(clients.commandProcessor(any(), any(), any())).thenReturn(processor);
    return clients;
  }
}
