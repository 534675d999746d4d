package io.fleetwire.azure.servicebus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceBusSettingsTest {
  private static final String CONNECTION = "Endpoint=sb://fw.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=secret";

  @Test
  void readsNamespaceAndDefaultsTheQueueAndEnvelope() {
    ServiceBusSettings settings = ServiceBusSettings.fromEnvironment(
        Map.of("FLEETWIRE_SERVICEBUS_NAMESPACE", "fw.servicebus.windows.net"));

    assertEquals("fw.servicebus.windows.net", settings.namespace());
    assertNull(settings.connectionString());
    assertEquals("telemetry", settings.queue());
    assertEquals(192 * 1024, settings.envelopeBytes());
    assertEquals(Duration.ofMillis(5), settings.envelopeLinger());
  }

  @Test
  void readsConnectionStringAndQueue() {
    ServiceBusSettings settings = ServiceBusSettings.fromEnvironment(
        Map.of("FLEETWIRE_SERVICEBUS_CONNECTION", CONNECTION, "FLEETWIRE_QUEUE", "frames"));

    assertEquals(CONNECTION, settings.connectionString());
    assertEquals("frames", settings.queue());
  }

  @Test
  void isConfiguredOnlyWithANamespaceOrConnection() {
    assertTrue(ServiceBusSettings.isConfigured(Map.of("FLEETWIRE_SERVICEBUS_CONNECTION", CONNECTION)));
    assertTrue(ServiceBusSettings.isConfigured(Map.of("FLEETWIRE_SERVICEBUS_NAMESPACE", "fw.servicebus.windows.net")));
    assertFalse(ServiceBusSettings.isConfigured(Map.of("FLEETWIRE_QUEUE", "telemetry")));
  }

  @Test
  void rejectsAnEnvelopeAboveTheStandardTierMessageLimit() {
    ServiceBusSettings settings = ServiceBusSettings.of("fw.servicebus.windows.net", null, "telemetry");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> settings.withEnvelope(256 * 1024 + 1, Duration.ofMillis(5)));
    assertTrue(error.getMessage().contains("262145"), error.getMessage());
    assertEquals(256 * 1024, settings.withEnvelope(256 * 1024, Duration.ofMillis(5)).envelopeBytes());
  }

  @Test
  void rejectsMissingConnectionAndZeroLinger() {
    assertThrows(IllegalArgumentException.class, () -> ServiceBusSettings.fromEnvironment(Map.of()));
    ServiceBusSettings settings = ServiceBusSettings.of("fw.servicebus.windows.net", null, "telemetry");
    assertThrows(IllegalArgumentException.class, () -> settings.withEnvelope(64 * 1024, Duration.ZERO));
  }

  @Test
  void neverPrintsTheConnectionStringKey() {
    String printed = ServiceBusSettings.of(null, CONNECTION, "telemetry").toString();

    assertFalse(printed.contains("secret"), printed);
  }
}
