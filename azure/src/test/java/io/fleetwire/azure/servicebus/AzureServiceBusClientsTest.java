package io.fleetwire.azure.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real clients are built without connecting; they connect when started or first used. */
@Timeout(30)
class AzureServiceBusClientsTest {
  private static final CommandTopicSettings BY_CONNECTION_STRING = new CommandTopicSettings(null,
      "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=manage;SharedAccessKey=c2VjcmV0", "commands");

  @Test
  void theProcessorReadsTheReplicaSubscriptionOfTheTopicAndIsNotStartedYet() {
    CommandSubscriptionSettings subscription = CommandSubscriptionSettings.forReplica(BY_CONNECTION_STRING, "front-1");
    ServiceBusProcessorClient processor = ServiceBusClients.azure()
        .commandProcessor(subscription, context -> { }, context -> { });
    try {
      assertEquals("commands", processor.getTopicName());
      assertEquals("front-1", processor.getSubscriptionName());
      assertFalse(processor.isRunning());
    } finally {
      processor.close();
    }
  }

  @Test
  void theAdministrationClientIsBuiltFromTheTopicSettings() {
    assertNotNull(ServiceBusClients.azure().administration(BY_CONNECTION_STRING));
    assertNotNull(ServiceBusClients.azure().administration(
        new CommandTopicSettings("fleetwire.servicebus.windows.net", null, "commands")));
  }
}
