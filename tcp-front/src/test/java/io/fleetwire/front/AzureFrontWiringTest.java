package io.fleetwire.front;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.azure.cosmos.CosmosCommandStore;
import io.fleetwire.azure.cosmos.CosmosSettings;
import io.fleetwire.azure.cosmos.CosmosTelemetryStore;
import io.fleetwire.azure.cosmos.CosmosTestDatabase;
import io.fleetwire.azure.servicebus.InProcessServiceBus;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.testsupport.RawTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The front as Azure runs it: every setting {@code infra/modules/front.bicep} gives the container,
 * a Cosmos DB account (the test server) and a Service Bus namespace (in-process, at the SDK
 * boundary). Its command outbox, the Cosmos command store and its own subscription on the
 * commands topic must be connected: a note on the topic makes the front send the stored command
 * to the device, and the device's answer lands in the store.
 */
@Timeout(60)
class AzureFrontWiringTest {
  static final String LOOPBACK = "127.0.0.1";
  static final String TOPIC = "commands";
  /** Teltonika's documented Codec 12 "getinfo" command frame. */
  private static final byte[] GETINFO_FRAME = HexFormat.of().parseHex(
      "000000000000000F0C010500000007676574696E666F0100004312");
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
  /** Read by azure-identity's DefaultAzureCredential (which user-assigned identity to use), not by Fleetwire. */
  private static final String READ_BY_AZURE_IDENTITY = "AZURE_CLIENT_ID";
  private static final long WAIT_MILLIS = 15_000;

  private final InProcessServiceBus bus = new InProcessServiceBus();
  private final CosmosTestDatabase cosmos = CosmosTestDatabase.create();

  /** A map that remembers which settings were asked for. */
  static final class RecordingEnvironment extends HashMap<String, String> {
    final Set<String> read = ConcurrentHashMap.newKeySet();

    RecordingEnvironment(Map<String, String> values) {
      super(values);
    }

    @Override
    public String get(Object key) {
      read.add(String.valueOf(key));
      return super.get(key);
    }
  }

  /** The parameter values a deployment would pass, with loopback ports and the test accounts. */
  static Map<String, String> deployment(CosmosTestDatabase cosmos, String commandTimeout) {
    Map<String, String> params = new HashMap<>();
    params.put("devicePort", "0");
    params.put("healthPort", "0");
    params.put("serviceBusNamespace", "fleetwire-test.servicebus.windows.net");
    params.put("queueName", "telemetry");
    params.put("commandsTopicName", TOPIC);
    params.put("cosmosEndpoint", cosmos.endpoint());
    params.put("cosmosDatabaseName", cosmos.name());
    params.put("identityClientId", "00000000-0000-0000-0000-000000000001");
    params.put("commandTimeout", commandTimeout);
    return params;
  }

  /**
   * A front started from the Bicep environment: settings with a flag go in as that flag (picocli
   * reads its {@code ${env:...}} default from the process environment, which a test cannot set),
   * the others through the environment map; the Cosmos key
   * stands in for the managed identity only because the test server takes keys, and gateway mode
   * is the only one it speaks. {@code frontId}
   * stands for the replica's host name.
   */
  static RunningFront startFront(Map<String, String> bicepEnv, CosmosTestDatabase cosmos, InProcessServiceBus bus,
      String frontId, RecordingEnvironment[] environmentOut, Set<String> flagSettingsOut) {
    FrontApplication app = new FrontApplication();
    CommandLine commandLine = FrontApplication.commandLine(app);
    Map<String, String> optionByEnv = new HashMap<>();
    for (Field field : FrontApplication.class.getDeclaredFields()) {
      Option option = field.getAnnotation(Option.class);
      Matcher env = ENV_DEFAULT.matcher(option == null ? "" : option.defaultValue());
      if (env.find()) {
        optionByEnv.put(env.group(1), option.names()[0]);
      }
    }
    List<String> args = new ArrayList<>(List.of("--front-id", frontId));
    Map<String, String> rest = new HashMap<>();
    bicepEnv.forEach((name, value) -> {
      String option = optionByEnv.get(name);
      if (option != null) {
        args.add(option);
        args.add(value);
      } else {
        rest.put(name, value);
      }
    });
    rest.put(CosmosSettings.KEY_ENV, cosmos.key());
    rest.put(CosmosSettings.CONNECTION_MODE_ENV, CosmosTestDatabase.GATEWAY);
    RecordingEnvironment environment = new RecordingEnvironment(rest);
    app.env = environment;
    app.serviceBus = bus;
    commandLine.parseArgs(args.toArray(String[]::new));
    if (environmentOut != null) {
      environmentOut[0] = environment;
    }
    if (flagSettingsOut != null) {
      flagSettingsOut.addAll(optionByEnv.keySet());
    }
    return app.start();
  }

  static CosmosSettings cosmosSettings(CosmosTestDatabase cosmos) {
    return CosmosSettings.fromEnvironment(cosmos.environment());
  }

  @Test
  void theBicepSettingsMakeAFrontWhoseSubscriptionFeedsTheOutboxOverTheCosmosStore() throws Exception {
    FrontBicepEnvironment bicep = FrontBicepEnvironment.read();
    Map<String, String> bicepEnv = bicep.evaluate(deployment(cosmos, "30s"), List.of());
    assertEquals("registered", bicepEnv.get("FLEETWIRE_POLICY"), "the template's default policy is what runs here");
    String imei = "352093081452251";
    CosmosTelemetryStore.create(cosmosSettings(cosmos)).register(imei, "van 7");
    CommandStore commands = CosmosCommandStore.create(cosmosSettings(cosmos));
    RecordingEnvironment[] environment = new RecordingEnvironment[1];
    Set<String> flagSettings = new HashSet<>();

    RunningFront front = startFront(bicepEnv, cosmos, bus, "ca-fleetwire-front--0000001-5f7c8d9b6d-x2k9p",
        environment, flagSettings);
    try (RawTracker tracker = RawTracker.login(LOOPBACK, front.port(), imei)) {
      assertEquals(Map.of("ca-fleetwire-front--0000001-5f7c8d9b6d-x2k9p", Duration.ofHours(1)),
          bus.subscriptions(TOPIC), "the replica's own subscription, auto-deleted when idle");
      assertTrue(bus.reading(TOPIC, "ca-fleetwire-front--0000001-5f7c8d9b6d-x2k9p"));
      assertEquals(List.of("telemetry"), bus.telemetryQueues());
      assertEquals(1, tracker.sendRecords(1), "acked once the envelope went to the queue");
      assertEquals(1, bus.telemetryMessages());

      DeviceCommand queued = DeviceCommand.queue(imei, "getinfo", DeviceCommand.CODEC_12, Duration.ofHours(1),
          Instant.now());
      commands.create(queued);
      bus.commandTopic(TOPIC).commandQueued(imei, queued.id());

      assertArrayEquals(GETINFO_FRAME, tracker.readFrame());
      tracker.answerCodec12("INI:2026/11/29 3:00 RTC:2026/11/29 3:05 RST:0 GPS:3 SAT:11");
      DeviceCommand answered = awaitStatus(commands, imei, queued.id(), CommandStatus.ANSWERED);
      assertEquals("INI:2026/11/29 3:00 RTC:2026/11/29 3:05 RST:0 GPS:3 SAT:11", answered.response());
    } finally {
      front.close();
    }

    assertTrue(bus.subscriptions(TOPIC).isEmpty(), "a stopping replica deletes its subscription");
    assertFalse(bus.reading(TOPIC, "ca-fleetwire-front--0000001-5f7c8d9b6d-x2k9p"));
    for (String name : bicep.names()) {
      if (!name.equals(READ_BY_AZURE_IDENTITY)) {
        assertTrue(flagSettings.contains(name) || environment[0].read.contains(name),
            name + " is set by front.bicep but nothing in the front reads it");
      }
    }
  }

  static DeviceCommand awaitStatus(CommandStore commands, String imei, String id, CommandStatus status)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    DeviceCommand command = commands.get(imei, id).orElseThrow();
    while (command.status() != status && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      command = commands.get(imei, id).orElseThrow();
    }
    assertEquals(status, command.status(), command.toString());
    return command;
  }
}
