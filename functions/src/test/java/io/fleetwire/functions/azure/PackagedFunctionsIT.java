package io.fleetwire.functions.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.functions.report.DailyReportJob;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads what azure-functions-maven-plugin wrote in the package phase: the app the Functions host will load. */
class PackagedFunctionsIT {
  /** Function name → route and methods, as DESIGN "HTTP API" lists them. */
  private static final Map<String, String> HTTP_ROUTES = Map.ofEntries(
      Map.entry("health", "health GET"),
      Map.entry("me", "me GET"),
      Map.entry("devices", "devices GET,POST"),
      Map.entry("device", "devices/{imei} GET,DELETE"),
      Map.entry("positions", "devices/{imei}/positions GET"),
      Map.entry("events", "devices/{imei}/events GET"),
      Map.entry("messages", "devices/{imei}/messages GET"),
      Map.entry("report", "devices/{imei}/report GET"),
      Map.entry("dailyReport", "reports/daily GET"),
      Map.entry("fleetSummary", "fleet/summary GET"),
      Map.entry("fleetMap", "fleet/map GET"),
      Map.entry("dashboard", "dashboard GET"),
      Map.entry("dashboardAsset", "dashboard/{*asset} GET"),
      Map.entry("dashboardLibrary", "webjars/{*path} GET"),
      Map.entry("commands", "devices/{imei}/commands GET,POST"),
      Map.entry("command", "devices/{imei}/commands/{id} GET"),
      Map.entry("rules", "rules GET,POST"),
      Map.entry("rule", "rules/{id} GET,DELETE"),
      Map.entry("alerts", "alerts GET"));

  private final Path staging = Path.of(System.getProperty("fleetwire.functions.staging", "target/azure-functions"));

  @Test
  void everyApiRouteIsAnAnonymousHttpTriggerWithTheDesignsRouteAndMethods() throws IOException {
    Map<String, String> found = new TreeMap<>();
    for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
      JsonNode trigger = trigger(function.getValue());
      if (trigger.get("type").asText().equals("httpTrigger")) {
        assertEquals("anonymous", trigger.get("authLevel").asText().toLowerCase(Locale.ROOT), function.getKey());
        List<String> methods = new ArrayList<>();
        trigger.get("methods").forEach(m -> methods.add(m.asText().toUpperCase(Locale.ROOT)));
        found.put(function.getKey(), trigger.get("route").asText() + " " + String.join(",", methods));
      }
    }

    assertEquals(new TreeMap<>(HTTP_ROUTES), found);
  }

  @Test
  void ingestIsAServiceBusBatchTriggerOnTheConfiguredQueueWhenPackaged() throws IOException {
    for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
      JsonNode trigger = trigger(function.getValue());
      boolean serviceBus = trigger.get("type").asText().equals("serviceBusTrigger");
      assertEquals(function.getKey().equals("ingest"), serviceBus, function.getKey() + ": " + trigger);
      if (serviceBus) {
        assertEquals("%FLEETWIRE_QUEUE%", trigger.get("queueName").asText());
        assertEquals("ServiceBusConnection", trigger.get("connection").asText());
        assertEquals("many", trigger.get("cardinality").asText().toLowerCase(Locale.ROOT));
      }
    }
  }

  @Test
  void alertTimersRunsEveryThirtySecondsWithoutRunOnStartup() throws IOException {
    JsonNode trigger = trigger(functions().get("alertTimers"));

    assertEquals("timerTrigger", trigger.get("type").asText());
    assertEquals("*/30 * * * * *", trigger.get("schedule").asText());
    assertFalse(trigger.path("runOnStartup").asBoolean(false));
  }

  @Test
  void dailyReportJobIsATimerOnTheScheduleSettingWithoutRunOnStartup() throws IOException {
    JsonNode trigger = trigger(functions().get("dailyReportJob"));

    assertEquals("timerTrigger", trigger.get("type").asText());
    assertEquals("%" + DailyReportFunction.SCHEDULE_ENV + "%", trigger.get("schedule").asText());
    // a run on every host start (scale-out, wake-up) would cost without need; the schedule resumes the work
    assertFalse(trigger.path("runOnStartup").asBoolean(false));
  }

  @Test
  void aDailyReportRunEndsWellInsideTheFunctionTimeout() throws IOException {
    JsonNode host = Json.mapper().readTree(staging.resolve("host.json").toFile());
    Duration timeout = Duration.between(LocalTime.MIN, LocalTime.parse(host.get("functionTimeout").asText()));

    // the budget is checked between groups of devices: the group in hand and its save need the rest
    assertTrue(DailyReportJob.DEFAULT_BUDGET.plusSeconds(30).compareTo(timeout) <= 0,
        DailyReportJob.DEFAULT_BUDGET + " leaves less than 30 s of the function timeout " + timeout);
  }

  @Test
  void theFunctionAppGetsTheScheduleSettingAsSixFieldNcrontab() throws IOException {
    // the module's folder is the working directory of the test run
    String bicep = Files.readString(Path.of("../infra/modules/functions.bicep"));
    Matcher setting = Pattern.compile("(?m)^\\s+" + DailyReportFunction.SCHEDULE_ENV + ": (\\w+)$").matcher(bicep);
    assertTrue(setting.find(), DailyReportFunction.SCHEDULE_ENV + " is not among the Function App's settings");
    Matcher param = Pattern.compile("(?m)^param " + setting.group(1) + " string = '([^']*)'$").matcher(bicep);
    assertTrue(param.find(), "no default for " + setting.group(1));

    String[] fields = param.group(1).split(" ");
    assertEquals(6, fields.length, "{second} {minute} {hour} {day} {month} {day-of-week}: " + param.group(1));
    assertEquals("0", fields[0], "a schedule firing every second of a minute: " + param.group(1));
  }

  @Test
  void stagesTheHostJsonWithTheExtensionBundleAndTheApiPrefix() throws IOException {
    JsonNode host = Json.mapper().readTree(staging.resolve("host.json").toFile());

    assertEquals("2.0", host.get("version").asText());
    assertEquals("Microsoft.Azure.Functions.ExtensionBundle", host.at("/extensionBundle/id").asText());
    assertEquals("[4.*, 5.0.0)", host.at("/extensionBundle/version").asText());
    assertEquals("api", host.at("/extensions/http/routePrefix").asText());
    assertTrue(host.at("/extensions/serviceBus/autoCompleteMessages").asBoolean());
  }

  @Test
  void everyFunctionRunsFromTheStagedJar() throws IOException {
    for (Map.Entry<String, JsonNode> function : functions().entrySet()) {
      Path jar = staging.resolve(function.getKey()).resolve(function.getValue().get("scriptFile").asText()).normalize();
      assertTrue(Files.isRegularFile(jar), function.getKey() + " runs from " + jar);
      assertTrue(function.getValue().get("entryPoint").asText().startsWith("io.fleetwire.functions.azure."),
          function.getKey());
    }
  }

  private Map<String, JsonNode> functions() throws IOException {
    Map<String, JsonNode> functions = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(staging)) {
      for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("function.json"))).toList()) {
        functions.put(dir.getFileName().toString(), Json.mapper().readTree(dir.resolve("function.json").toFile()));
      }
    }
    assertTrue(functions.size() >= HTTP_ROUTES.size(), "function.json files under " + staging + ": " + functions.keySet());
    return functions;
  }

  /** The one binding with direction "in" that is a trigger. */
  private static JsonNode trigger(JsonNode function) {
    for (JsonNode binding : function.get("bindings")) {
      if (binding.get("direction").asText().equals("in") && binding.get("type").asText().endsWith("Trigger")) {
        return binding;
      }
    }
    throw new AssertionError("no trigger binding in " + function);
  }
}
