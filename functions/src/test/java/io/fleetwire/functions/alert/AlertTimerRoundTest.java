package io.fleetwire.functions.alert;

import com.sun.net.httpserver.HttpServer;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.functions.api.FailingTelemetryStore;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One timer run: an offline check that fails still lets the outbox be worked, and the run then fails. */
class AlertTimerRoundTest {
  private static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
  private final InMemoryAlertStore alerts = new InMemoryAlertStore();
  private HttpServer receiver;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void aFailingOfflineCheckDoesNotHoldBackDeliveriesAndFailsTheRun() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    alerts.createRule(new AlertRule("silent", "Silent", AlertKind.OFFLINE, null, 600.0, 0, null, null));
    Alert crash = new Alert("crash-1", "crashes", "356307042441013", AlertKind.EVENT, NOW.minusSeconds(5), 247.0, 54.1,
        25.2, AlertStatus.OPEN, null);
    alerts.apply(List.of(), List.of(crash), NOW.minusSeconds(5));
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    AlertTimerRound round = new AlertTimerRound(new AlertEvaluator(alerts, clock),
        new FailingTelemetryStore(() -> new StoreUnavailableException("telemetry store down", null)),
        Optional.of(new AlertDispatcher(alerts, new WebhookDelivery(hook, "secret"), RetrySchedule.DEFAULT, clock)));

    StoreUnavailableException failure = assertThrows(StoreUnavailableException.class, round::run);

    assertEquals("telemetry store down", failure.getMessage());
    assertEquals(AlertDelivery.Status.DELIVERED, alerts.delivery("crash-1:open").orElseThrow().status());
  }
}
