package io.fleetwire.functions.api;

import static io.fleetwire.functions.api.ApiFixture.IMEI;
import static io.fleetwire.functions.api.ApiFixture.NOW;
import static io.fleetwire.functions.api.ApiFixture.OTHER_IMEI;
import static io.fleetwire.functions.api.ApiFixture.assertError;
import static io.fleetwire.functions.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.contract.command.InMemoryCommandStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class CommandRoutesTest {
  private static final String COMMANDS = "/api/devices/" + IMEI + "/commands";

  private final InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
  private final InMemoryCommandStore commands = new InMemoryCommandStore();
  private final List<String> dispatched = new ArrayList<>();
  private final FleetApi api = new FleetApi(telemetry, commands, (imei, id) -> dispatched.add(imei + "/" + id),
      () -> true, Clock.fixed(NOW, ZoneOffset.UTC), FleetApi.DEFAULT_ONLINE_WINDOW);

  CommandRoutesTest() {
    telemetry.register(IMEI, "van 7");
  }

  private ApiResponse post(String path, String body) {
    return api.handle(new ApiRequest("POST", path, Map.of(), body, Map.of("Content-Type", "application/json")));
  }

  private ApiResponse get(String path) {
    return api.handle(ApiRequest.of("GET", path, Map.of()));
  }

  @Test
  void postQueuesTheCommandAnswers202AndTellsTheFronts() {
    ApiResponse response = post(COMMANDS, "{\"text\":\"setdigout 1\",\"codec\":14,\"ttlSeconds\":600}");

    assertEquals(202, response.status(), response.bodyText());
    JsonNode body = json(response);
    String id = body.get("id").asText();
    assertEquals("queued", body.get("status").asText());
    assertEquals("setdigout 1", body.get("text").asText());
    assertEquals(14, body.get("codec").asInt());
    assertEquals(600, body.get("ttlSeconds").asLong());
    assertEquals(NOW.toString(), body.get("createdAt").asText());
    assertEquals(COMMANDS + "/" + id, response.headers().get("Location"));
    assertEquals(CommandStatus.QUEUED, commands.get(IMEI, id).orElseThrow().status());
    assertEquals(List.of(IMEI + "/" + id), dispatched);
  }

  @Test
  void codecAndTtlHaveDefaults() {
    JsonNode body = json(post(COMMANDS, "{\"text\":\"getinfo\"}"));

    assertEquals(12, body.get("codec").asInt());
    assertEquals(CommandRoutes.DEFAULT_TTL_SECONDS, body.get("ttlSeconds").asLong());
  }

  @Test
  void getShowsTheCommandWithItsOutcome() {
    DeviceCommand getinfo = DeviceCommand.queue(IMEI, "getinfo", 12, Duration.ofMinutes(5), NOW);
    commands.create(getinfo);
    DeviceCommand sent = getinfo.sent(NOW.plusSeconds(1));
    commands.transition(sent, CommandStatus.QUEUED);
    commands.transition(sent.answered(NOW.plusSeconds(2), "GPS:1 SAT:9"), CommandStatus.SENT);

    ApiResponse response = get(COMMANDS + "/" + getinfo.id());

    assertEquals(200, response.status());
    JsonNode body = json(response);
    assertEquals("answered", body.get("status").asText());
    assertEquals("GPS:1 SAT:9", body.get("response").asText());
    assertEquals(NOW.plusSeconds(1).toString(), body.get("sentAt").asText());
    assertEquals(NOW.plusSeconds(2).toString(), body.get("answeredAt").asText());
    assertTrue(body.get("failureReason").isNull());
  }

  @Test
  void listShowsTheDevicesCommandsNewestFirst() {
    String first = json(post(COMMANDS, "{\"text\":\"getinfo\"}")).get("id").asText();
    commands.create(DeviceCommand.queue(IMEI, "getver", 12, Duration.ofMinutes(5), NOW.plusSeconds(1)));

    JsonNode body = json(get(COMMANDS));

    assertEquals(IMEI, body.get("imei").asText());
    assertEquals(2, body.get("items").size());
    assertEquals("getver", body.get("items").get(0).get("text").asText());
    assertEquals(first, body.get("items").get(1).get("id").asText());
  }

  @Test
  void badCommandTextIsRefused() {
    assertError(post(COMMANDS, "{\"text\":\"\"}"), 400, "bad_command");
    assertError(post(COMMANDS, "{\"codec\":12}"), 400, "bad_command");
    assertError(post(COMMANDS, "{\"text\":\"" + "x".repeat(CommandRoutes.MAX_TEXT_LENGTH + 1) + "\"}"), 400,
        "bad_command");
    String detail = assertError(post(COMMANDS, "{\"text\":\"setparam 2001:caf\u00e9\"}"), 400, "bad_command");
    assertTrue(detail.contains("ASCII"), detail);
    assertError(post(COMMANDS, "{\"text\":\"getinfo\\n\"}"), 400, "bad_command");
    assertTrue(dispatched.isEmpty());
  }

  @Test
  void badCodecTtlAndBodyAreRefused() {
    assertError(post(COMMANDS, "{\"text\":\"getinfo\",\"codec\":13}"), 400, "bad_codec");
    assertError(post(COMMANDS, "{\"text\":\"getinfo\",\"codec\":\"12\"}"), 400, "bad_codec");
    assertError(post(COMMANDS, "{\"text\":\"getinfo\",\"ttlSeconds\":0}"), 400, "bad_ttl");
    assertError(post(COMMANDS, "{\"text\":\"getinfo\",\"ttlSeconds\":" + (CommandRoutes.MAX_TTL_SECONDS + 1) + "}"),
        400, "bad_ttl");
    assertError(post(COMMANDS, "{\"text\":\"getinfo\",\"ttlSeconds\":1.5}"), 400, "bad_ttl");
    assertError(post(COMMANDS, "[\"getinfo\"]"), 400, "bad_body");
    assertError(post(COMMANDS, "{text"), 400, "bad_body");
  }

  @Test
  void unknownDeviceOrCommandIs404() {
    String other = "/api/devices/" + OTHER_IMEI + "/commands";
    assertError(post(other, "{\"text\":\"getinfo\"}"), 404, "unknown_device");
    assertError(get(other), 404, "unknown_device");
    assertError(get(COMMANDS + "/no-such-command"), 404, "unknown_command");
  }

  @Test
  void commandOfAnotherDeviceIsNotShownUnderThisOne() {
    telemetry.register(OTHER_IMEI, null);
    String id = json(post("/api/devices/" + OTHER_IMEI + "/commands", "{\"text\":\"getinfo\"}")).get("id").asText();

    assertError(get(COMMANDS + "/" + id), 404, "unknown_command");
  }

  @Test
  void apiWithoutCommandsAnswers404() {
    FleetApi plain = new FleetApi(telemetry, () -> true, Clock.fixed(NOW, ZoneOffset.UTC));

    assertError(plain.handle(ApiRequest.of("GET", COMMANDS, Map.of())), 404, "not_found");
  }
}
