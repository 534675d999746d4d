package io.fleetwire.front;

import static io.fleetwire.front.AzureFrontWiringTest.TOPIC;
import static io.fleetwire.front.AzureFrontWiringTest.cosmosSettings;
import static io.fleetwire.front.AzureFrontWiringTest.deployment;
import static io.fleetwire.front.AzureFrontWiringTest.startFront;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.azure.cosmos.CosmosCommandStore;
import io.fleetwire.azure.cosmos.CosmosSettings;
import io.fleetwire.azure.cosmos.CosmosTelemetryStore;
import io.fleetwire.azure.cosmos.CosmosTestDatabase;
import io.fleetwire.azure.servicebus.InProcessServiceBus;
import io.fleetwire.contract.Json;
import io.fleetwire.functions.api.ApiRequest;
import io.fleetwire.functions.api.ApiResponse;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Device commands on Azure, end to end, with everything but the Service Bus namespace real: the
 * API core over the Cosmos stores (the Cosmos test server) sends its notes to the commands topic;
 * two fronts started from front.bicep's settings each read their own subscription of it (the topic
 * is an in-process stand-in at the SDK boundary that fans a message out to every subscription);
 * a simulated tracker is connected to the second front only.
 */
@Timeout(90)
class AzureCommandsEndToEndTest {
  /** Short, so the silent device's command expires within the test. */
  private static final String COMMAND_TIMEOUT = "2s";
  private static final long WAIT_MILLIS = 20_000;

  private final InProcessServiceBus bus = new InProcessServiceBus();
  private final CosmosTestDatabase cosmos = CosmosTestDatabase.create();
  private RunningFront first;
  private RunningFront second;
  private Simulation tracker;
  private FleetApi api;

  @BeforeEach
  void start() {
    Map<String, String> bicepEnv = FrontBicepEnvironment.read().evaluate(deployment(cosmos, COMMAND_TIMEOUT), List.of());
    first = startFront(bicepEnv, cosmos, bus, "front-1", null, null);
    second = startFront(bicepEnv, cosmos, bus, "front-2", null, null);
    CosmosSettings settings = cosmosSettings(cosmos);
    api = new FleetApi(CosmosTelemetryStore.create(settings), CosmosCommandStore.create(settings), bus.commandTopic(TOPIC),
        () -> true, Clock.systemUTC(), FleetApi.DEFAULT_ONLINE_WINDOW);
  }

  @AfterEach
  void stop() {
    if (tracker != null) {
      tracker.stop();
    }
    second.close();
    first.close();
  }

  @Test
  void aCommandPostedToTheApiReachesTheTrackerOnTheSecondFrontAndASilentOneExpires() throws Exception {
    tracker = new Simulation(SimulationConfig.builder().host(AzureFrontWiringTest.LOOPBACK).port(second.port())
        .devices(1).interval(Duration.ofMillis(200)).keepAckedRecords(false).build());
    String imei = tracker.imeis().get(0);
    call("POST", "/api/devices", "{\"imei\":\"" + imei + "\",\"name\":\"van 12\"}", 201);
    tracker.start();
    awaitTelemetry();
    assertEquals(Set.of("front-1", "front-2"), bus.subscriptions(TOPIC).keySet(), "one subscription per replica");

    String getver = postCommand(imei, "{\"text\":\"getver\"}");
    JsonNode answered = awaitStatus(imei, getver, "answered");
    assertTrue(answered.get("response").asText().contains("IMEI:" + imei), answered.toString());
    assertTrue(answered.get("sentAt").isTextual() && answered.get("answeredAt").isTextual(), answered.toString());

    String unknown = postCommand(imei, "{\"text\":\"cpureset\"}");
    JsonNode expired = awaitStatus(imei, unknown, "expired");
    assertTrue(expired.get("sentAt").isTextual(), "the silent device got the command: " + expired);
    assertTrue(expired.get("failureReason").asText().contains("no answer within 2 s"), expired.toString());
  }

  private String postCommand(String imei, String body) throws Exception {
    JsonNode queued = call("POST", "/api/devices/" + imei + "/commands", body, 202);
    assertEquals("queued", queued.get("status").asText());
    return queued.get("id").asText();
  }

  private JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
    ApiResponse response = api.handle(new ApiRequest(method, path, Map.of(), body,
        Map.of("Content-Type", "application/json")));
    assertEquals(expectedStatus, response.status(), response.bodyText());
    return Json.mapper().readTree(response.bodyText());
  }

  private JsonNode awaitStatus(String imei, String id, String status) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    JsonNode command = call("GET", "/api/devices/" + imei + "/commands/" + id, null, 200);
    while (!command.get("status").asText().equals(status) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      command = call("GET", "/api/devices/" + imei + "/commands/" + id, null, 200);
    }
    assertEquals(status, command.get("status").asText(), command.toString());
    return command;
  }

  /** The tracker is logged in and acked on the second front once its first envelope went out. */
  private void awaitTelemetry() throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (bus.telemetryMessages() == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(bus.telemetryMessages() > 0, "the tracker never got a frame acked on the second front");
  }
}
