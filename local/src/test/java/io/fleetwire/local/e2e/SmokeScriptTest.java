package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/smoke.sh}, the check the deploy workflow runs after every deploy, against the local
 * stack (policy {@code registered}, API token): it passes on a working stack and fails, saying
 * where, when the API cannot give back what the device sent.
 */
class SmokeScriptTest {
  private static final String TOKEN = "smoke-token";
  private static final String IMEI = "356307049999997";
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path JAR = ROOT.resolve("simulator/target/fleetwire-simulator.jar");

  @TempDir
  static Path data;
  private static LocalStack stack;

  @BeforeAll
  static void start() throws InterruptedException {
    assertTrue(Files.isRegularFile(JAR), "the smoke script needs the simulator jar: build the simulator module first (" + JAR + ")");
    stack = LocalStack.start(StackConfigs.of(data, LocalConfig.Policy.registered, TOKEN));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private record Outcome(int code, String output) {
  }

  private static Outcome smoke(String api, String timeout) throws IOException, InterruptedException {
    Path log = Files.createTempFile(data, "smoke", ".log");
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/smoke.sh").toString(), api,
        "127.0.0.1:" + stack.tcpPort())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("FLEETWIRE_API_TOKEN", TOKEN);
    builder.environment().put("SMOKE_TIMEOUT", timeout);
    builder.environment().put("SMOKE_SEND", "3s");
    builder.environment().put("SIMULATOR_JAR", JAR.toString());
    Process process = builder.start();
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "smoke.sh did not finish within 90 s");
    return new Outcome(process.exitValue(), Files.readString(log));
  }

  @Test
  void passesAgainstAWorkingStack() throws Exception {
    Outcome outcome = smoke("http://127.0.0.1:" + stack.httpPort() + "/api", "30");
    assertEquals(0, outcome.code(), outcome.output());
    assertTrue(outcome.output().matches("(?s).*positions: [1-9]\\d*\\n.*report: [1-9]\\d* records\\n.*smoke test passed.*"),
        outcome.output());
    assertEquals(200, new StackClient(stack.httpPort(), TOKEN).get("/api/devices/" + IMEI).status());
  }

  @Test
  void failsWhenPositionsAnswer500() throws Exception {
    registerOnTheStack();
    try (ApiStub api = new ApiStub(500, "{\"error\":\"store unavailable\"}")) {
      Outcome outcome = smoke(api.url(), "30");
      assertEquals(1, outcome.code(), outcome.output());
      assertTrue(outcome.output().contains("smoke test FAILED: positions of " + IMEI + " answered 500: {\"error\":\"store unavailable\"}"),
          outcome.output());
    }
  }

  @Test
  void failsWhenNoPositionIsStored() throws Exception {
    registerOnTheStack();
    try (ApiStub api = new ApiStub(200, "{\"imei\":\"" + IMEI + "\",\"items\":[],\"next\":null}")) {
      Outcome outcome = smoke(api.url(), "3");
      assertEquals(1, outcome.code(), outcome.output());
      assertTrue(outcome.output().contains("smoke test FAILED: no positions of " + IMEI + " stored within 3s"), outcome.output());
    }
  }

  private static void registerOnTheStack() {
    int status = new StackClient(stack.httpPort(), TOKEN)
        .post("/api/devices", "{\"imei\":\"" + IMEI + "\",\"name\":\"smoke test\"}").status();
    assertTrue(status == 201 || status == 409, "registration answered " + status);
  }

  /** An API whose health and registration work but whose positions answer as given. */
  private static final class ApiStub implements AutoCloseable {
    private final HttpServer server;

    ApiStub(int positionsStatus, String positionsBody) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/api/health", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
      server.createContext("/api/devices", exchange -> {
        if ("POST".equals(exchange.getRequestMethod())) {
          answer(exchange, 201, "{}");
        } else {
          answer(exchange, positionsStatus, positionsBody);
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
