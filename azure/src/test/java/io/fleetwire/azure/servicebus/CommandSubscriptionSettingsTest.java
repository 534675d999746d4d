package io.fleetwire.azure.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class CommandSubscriptionSettingsTest {
  private static final CommandTopicSettings TOPIC =
      new CommandTopicSettings("fleet.servicebus.windows.net", null, "commands");
  /** Service Bus: 1-50 letters, digits, '.', '-', '_'; starts and ends with a letter or digit. */
  private static final String RULE = "[A-Za-z0-9]([A-Za-z0-9._-]{0,48}[A-Za-z0-9])?";

  @Test
  void aContainerAppsReplicaNameIsUsedAsItIs() {
    CommandSubscriptionSettings settings =
        CommandSubscriptionSettings.forReplica(TOPIC, "ca-fleetwire-front--0000003-7d9f8c6b5-x2k9p");

    assertEquals("ca-fleetwire-front--0000003-7d9f8c6b5-x2k9p", settings.name());
    assertEquals(Duration.ofHours(1), settings.autoDeleteOnIdle());
  }

  @Test
  void aLongOrOddReplicaIdBecomesAValidDistinctName() {
    String longId = "ca-a-very-long-container-app-name-for-the-fleet-front--0000012-5f7c8d9b6d-abcde";
    String other = longId.replace("abcde", "vwxyz");
    String name = CommandSubscriptionSettings.subscriptionName(longId);
    String otherName = CommandSubscriptionSettings.subscriptionName(other);

    assertTrue(name.matches(RULE), name);
    assertTrue(otherName.matches(RULE), otherName);
    assertNotEquals(name, otherName, "cut names keep a hash of the whole id");
    String odd = CommandSubscriptionSettings.subscriptionName("_Front #7 (eu-west)/");
    assertTrue(odd.matches(RULE), odd);
    assertTrue(odd.startsWith("front-7-eu-west-"), odd);
    assertTrue(CommandSubscriptionSettings.subscriptionName("///").matches(RULE));
  }

  @Test
  void autoDeleteBelowTheServiceBusMinimumOrABadNameIsRefused() {
    IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
        () -> new CommandSubscriptionSettings(TOPIC, "front-1", Duration.ofMinutes(4)));
    assertTrue(idle.getMessage().contains("at least PT5M"), idle.getMessage());
    IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
        () -> new CommandSubscriptionSettings(TOPIC, "front/1", Duration.ofHours(1)));
    assertTrue(name.getMessage().contains("not a Service Bus subscription name"), name.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CommandSubscriptionSettings.forReplica(TOPIC, " "));
  }
}
