package io.fleetwire.functions.azure;

import com.sun.net.httpserver.HttpServer;
import io.fleetwire.azure.cosmos.CosmosTestDatabase;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.functions.alert.AlertTimerRound;
import io.fleetwire.functions.alert.WebhookSignature;
import io.fleetwire.testsupport.SettableClock;
import io.fleetwire.functions.report.SyntheticTrack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Functions wiring of alerts over the Cosmos stores the app settings select (a database on the
 * Cosmos test server, through the real client): ingest evaluates the rules, and the timer run opens offline alerts and delivers
 * every change from the outbox in Cosmos DB to a webhook receiver on loopback, retrying a failure.
 */
class AlertTimersOnCosmosTest {
  private static final String IMEI = "356307042441013";
  private static final String SECRET = "webhook-secret";
  private static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");

  private final SettableClock clock = new SettableClock(T0);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();
  private HttpServer receiver;
  private FunctionsRuntime runtime;
  private AlertStore alerts;

  @BeforeEach
  void start() throws IOException {
    Map<String, String> env = CosmosTestDatabase.create().environment();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean signed = WebhookSignature.verifies(SECRET, body,
          exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
      int status = failFirst.getAndDecrement() > 0 ? 503 : signed ? 204 : 401;
      if (status == 204) {
        received.add(exchange.getRequestHeaders().getFirst("X-Fleetwire-Delivery"));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    alerts = StoreSelection.alertsFromEnvironment(env).get();
    runtime = new FunctionsRuntime(StoreSelection.fromEnvironment(env), StoreSelection.commandsFromEnvironment(env),
        CommandDispatcher.none(), StoreSelection.fleetDaysFromEnvironment(env), () -> alerts, clock);
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private AlertTimerRound timer() {
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    return runtime.alertTimer(Optional.of(new WebhookSettings(hook, SECRET)));
  }

  private void ingest(SyntheticTrack track) {
    runtime.ingestService().ingest(new TelemetryBatch(TelemetryBatch.SCHEMA_VERSION, IMEI, clock.instant(), "front-1",
        8, track.records()));
  }

  @Test
  void aSilentDeviceGetsItsOfflineAlertDeliveredSignedAndClosedWhenItReports() {
    alerts.createRule(new AlertRule("silent", "Silent tracker", AlertKind.OFFLINE, null, 600.0, 0, null, null));
    ingest(new SyntheticTrack(IMEI, T0).position(54.1, 25.2).speed(30).at(0));

    clock.set(T0.plusSeconds(300));
    assertEquals(0, timer().run().silenceChanges(), "silent for five minutes of ten");
    clock.set(T0.plusSeconds(660));
    AlertTimerRound.Result opened = timer().run();
    AlertTimerRound.Result again = timer().run();

    assertEquals(1, opened.silenceChanges());
    assertEquals(1, opened.deliveries().orElseThrow().delivered());
    assertEquals(0, again.silenceChanges(), "an open offline alert is not raised twice");
    Alert open = alerts.openAlerts(10).get(0);
    assertEquals(List.of(open.id() + ":open"), received);

    ingest(new SyntheticTrack(IMEI, T0.plusSeconds(650)).position(54.1, 25.2).speed(30).at(0));
    timer().run();

    assertEquals(List.of(open.id() + ":open", open.id() + ":closed"), received);
    assertEquals(List.of(), alerts.openAlerts(10));
  }

  @Test
  void ingestRaisesAnAlertOnceAndAFailedDeliveryIsRetriedOnALaterRun() {
    alerts.createRule(new AlertRule("speeding", "Speeding", AlertKind.OVERSPEED, List.of(IMEI), 90.0, 0, null, null));
    SyntheticTrack fast = new SyntheticTrack(IMEI, T0).position(54.1, 25.2).speed(120).at(0).at(10);
    failFirst.set(1);

    ingest(fast);
    ingest(fast);
    AlertTimerRound.Result failed = timer().run();
    clock.set(clock.instant().plusSeconds(60));
    AlertTimerRound.Result retried = timer().run();

    assertEquals(1, failed.deliveries().orElseThrow().failed());
    assertEquals(1, retried.deliveries().orElseThrow().delivered());
    List<Alert> raised = alerts.alerts(T0, T0.plusSeconds(60), IMEI, 10, null).items();
    assertEquals(1, raised.size(), "the same records ingested twice raise one alert: " + raised);
    assertEquals(AlertStatus.OPEN, raised.get(0).state());
    assertEquals(List.of(raised.get(0).id() + ":open"), received);
    AlertDelivery delivery = alerts.delivery(raised.get(0).id() + ":open").orElseThrow();
    assertEquals(AlertDelivery.Status.DELIVERED, delivery.status());
    assertEquals(2, delivery.attempts());
  }

  @Test
  void withoutAWebhookAlertsAreStoredAndTheirDeliveriesWait() {
    alerts.createRule(new AlertRule("speeding", "Speeding", AlertKind.OVERSPEED, List.of(IMEI), 90.0, 0, null, null));
    ingest(new SyntheticTrack(IMEI, T0).position(54.1, 25.2).speed(120).at(0));

    AlertTimerRound.Result result = runtime.alertTimer(Optional.empty()).run();

    assertTrue(result.deliveries().isEmpty());
    assertEquals(1, alerts.dueDeliveries(clock.instant(), 10).size());
    assertEquals(List.of(), received);
  }
}
