package io.fleetwire.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.front.publish.InMemoryTelemetryPublisher;
import io.fleetwire.front.publish.NdjsonTelemetryPublisher;
import io.fleetwire.azure.servicebus.ServiceBusTelemetryPublisher;
import io.fleetwire.front.registry.AllowListRegistry;
import io.fleetwire.front.server.FixedImeiListener;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.tls.TlsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class FrontApplicationTest {

  @TempDir
  Path dir;

  private static FrontApplication parse(String... args) {
    FrontApplication app = new FrontApplication();
    FrontApplication.commandLine(app).parseArgs(args);
    return app;
  }

  @Test
  void flagsBecomeTheFrontConfig() {
    FrontConfig config = parse("--port", "6001", "--health-port", "6002", "--idle-timeout", "30s",
        "--max-frame-bytes", "4096", "--fixed-imei", "6003=356307042441013", "--fixed-imei", "6004=356307042441014",
        "--drain-timeout", "PT5S", "--front-id", "front-7").config();

    assertEquals(6001, config.port());
    assertEquals(6002, config.healthPort());
    assertEquals(Duration.ofSeconds(30), config.idleTimeout());
    assertEquals(4096, config.maxFrameBytes());
    assertEquals(List.of(new FixedImeiListener(6003, "356307042441013"), new FixedImeiListener(6004, "356307042441014")),
        config.fixedImeis());
    assertEquals(Duration.ofSeconds(5), config.drainTimeout());
    assertEquals("front-7", config.frontId());
  }

  private static FrontApplication parse(Map<String, String> env, String... args) {
    FrontApplication app = new FrontApplication();
    app.env = env;
    FrontApplication.commandLine(app).parseArgs(args);
    return app;
  }

  @Test
  void publisherFlagChoosesThePublisher() {
    try (TelemetryPublisher publisher = parse(Map.of(), "--publisher", "memory").openPublisher()) {
      assertInstanceOf(InMemoryTelemetryPublisher.class, publisher);
    }
  }

  @Test
  void serviceBusIsTheDefaultWhenTheEnvironmentNamesANamespace() {
    Map<String, String> env = Map.of("FLEETWIRE_SERVICEBUS_NAMESPACE", "fleet.servicebus.windows.net");
    try (TelemetryPublisher publisher = parse(env).openPublisher()) {
      assertInstanceOf(ServiceBusTelemetryPublisher.class, publisher);
    }
  }

  @Test
  void ndjsonIsTheDefaultWithoutServiceBusSettings() {
    try (TelemetryPublisher publisher = parse(Map.of(), "--publisher", "ndjson:" + dir.resolve("t.ndjson")).openPublisher()) {
      assertInstanceOf(NdjsonTelemetryPublisher.class, publisher);
    }
    assertEquals(null, parse(Map.of()).publisher, "no flag: the default is chosen from the environment");
  }

  @Test
  void serviceBusWithoutANamespaceIsAClearParameterError() {
    ParameterException error = assertThrows(ParameterException.class,
        () -> parse(Map.of(), "--publisher", "servicebus").openPublisher());

    assertTrue(error.getMessage().contains("FLEETWIRE_SERVICEBUS_NAMESPACE"), error.getMessage());
  }

  @Test
  void envelopeAboveTheServiceBusLimitIsAParameterError() {
    Map<String, String> env = Map.of("FLEETWIRE_SERVICEBUS_NAMESPACE", "fleet.servicebus.windows.net");
    ParameterException error = assertThrows(ParameterException.class,
        () -> parse(env, "--envelope-bytes", "300000").openPublisher());

    assertTrue(error.getMessage().contains("300000"), error.getMessage());
  }

  @Test
  void unknownPublisherIsAParameterError() {
    ParameterException error = assertThrows(ParameterException.class,
        () -> parse(Map.of(), "--publisher", "kafka").openPublisher());

    assertTrue(error.getMessage().contains("ndjson:PATH"), error.getMessage());
  }

  @Test
  void badDurationIsAClearParameterError() {
    ParameterException error = assertThrows(ParameterException.class, () -> parse("--idle-timeout", "ten minutes"));

    assertTrue(error.getMessage().contains("--idle-timeout"), error.getMessage());
    assertTrue(error.getMessage().contains("10m"), error.getMessage());
  }

  @Test
  void registeredPolicyWithoutAllowListIsAParameterError() {
    FrontApplication app = parse(Map.of(), "--policy", "registered");

    ParameterException error = assertThrows(ParameterException.class, app::registry);

    assertTrue(error.getMessage().contains("--allow-list"), error.getMessage());
  }

  @Test
  void registeredPolicyReadsTheAllowList() throws IOException {
    Path file = Files.writeString(dir.resolve("allow.txt"), "356307042441013\n");

    AllowListRegistry registry = (AllowListRegistry) parse("--policy", "registered", "--allow-list",
        file.toString()).registry();

    assertTrue(registry.accepts("356307042441013"));
  }

  @Test
  void executeReportsAnUnknownFlagWithExitCode2() {
    CommandLine cl = FrontApplication.commandLine(new FrontApplication());
    cl.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));

    assertEquals(2, cl.execute("--no-such-flag"));
  }

  @Test
  void limitFlagsBecomeTheConnectionLimits() {
    FrontConfig config = parse("--max-connections", "500", "--login-timeout", "10s", "--frame-timeout", "20s",
        "--connection-rate", "2.5").config();

    assertEquals(new ConnectionLimits(500, Duration.ofSeconds(10), Duration.ofSeconds(20), 2.5), config.limits());
  }

  @Test
  void tlsIsOffUnlessATlsPortIsGiven() {
    assertEquals(null, parse().config().tls());

    FrontConfig config = parse("--tls-port", "5028", "--tls-cert", "/certs/a.crt", "--tls-key", "/certs/a.key").config();

    assertEquals(new TlsListener(5028, Path.of("/certs/a.crt"), Path.of("/certs/a.key")), config.tls());
  }

  @Test
  void tlsFilesDefaultToWhereTheContainerMountsThem() {
    TlsListener tls = parse("--tls-port", "5028").config().tls();

    assertEquals(TlsListener.DEFAULT_CERTIFICATE, tls.certificate());
    assertEquals(TlsListener.DEFAULT_PRIVATE_KEY, tls.privateKey());
  }

  @Test
  void negativeConnectionRateIsAParameterError() {
    ParameterException error = assertThrows(ParameterException.class,
        () -> parse("--connection-rate", "-1").config());

    assertTrue(error.getMessage().contains("connection rate"), error.getMessage());
  }

  @Test
  void aCommandTimeoutThatIsNotPositiveIsRefusedByName() {
    FrontApplication app = parse(Map.of(), "--command-timeout", "0s");
    ParameterException e = assertThrows(ParameterException.class, () -> app.openCommands(app.config()));
    assertTrue(e.getMessage().contains("--command-timeout must be positive"), e.getMessage());
  }

  @Test
  void commandsAreOffWithoutTheCosmosCommandStore() {
    FrontApplication app = parse(Map.of("FLEETWIRE_SERVICEBUS_NAMESPACE", "fleet.servicebus.windows.net"));
    assertEquals(Duration.ofSeconds(60), app.commandTimeout);
    assertNull(app.openCommands(app.config()));
  }
}
