package io.fleetwire.front;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.front.publish.PublisherSpec;
import io.fleetwire.azure.cosmos.CosmosDeviceRegistry;
import io.fleetwire.azure.cosmos.CosmosSettings;
import io.fleetwire.azure.servicebus.ServiceBusClients;
import io.fleetwire.azure.servicebus.ServiceBusSettings;
import io.fleetwire.azure.servicebus.ServiceBusTelemetryPublisher;
import io.fleetwire.front.azure.AzureCommands;
import io.fleetwire.front.registry.AllowListRegistry;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.DurationText;
import io.fleetwire.front.server.FixedImeiListener;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.front.tls.TlsListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** {@code java -jar fleetwire-tcp-front.jar}: flags (or {@code FLEETWIRE_*} env vars) → {@link FrontServer}. */
@Command(name = "fleetwire-tcp-front", mixinStandardHelpOptions = true, sortOptions = false,
    versionProvider = FrontApplication.JarVersion.class,
    description = "Teltonika TCP front: one port for any number of devices, acked only after the publisher confirmed.",
    footer = "Every option can also be set by its environment variable (FLEETWIRE_PORT, FLEETWIRE_POLICY, ...).")
public final class FrontApplication implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(FrontApplication.class);

  enum Policy { open, registered }

  /** The version the shaded jar's manifest carries. */
  static final class JarVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FrontApplication.class.getPackage().getImplementationVersion();
      return new String[] {"fleetwire-tcp-front " + (version == null ? "(development build)" : version)};
    }
  }

  @Spec
  CommandSpec spec;

  @Option(names = "--host", defaultValue = "${env:FLEETWIRE_HOST:-0.0.0.0}", description = "Address to bind (env FLEETWIRE_HOST, default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "${env:FLEETWIRE_PORT:-5027}", description = "Device port (env FLEETWIRE_PORT, default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--health-port", defaultValue = "${env:FLEETWIRE_HEALTH_PORT:-8080}", description = "Health and metrics port (env FLEETWIRE_HEALTH_PORT, default ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(names = "--idle-timeout", defaultValue = "${env:FLEETWIRE_IDLE_TIMEOUT:-10m}", description = "Close a connection silent this long: 30s, 10m, PT10M (env FLEETWIRE_IDLE_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--max-frame-bytes", defaultValue = "${env:FLEETWIRE_MAX_FRAME_BYTES:-65536}", description = "Largest accepted frame (env FLEETWIRE_MAX_FRAME_BYTES, default ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  @Option(names = "--policy", defaultValue = "${env:FLEETWIRE_POLICY:-open}", description = "open: any 15-digit IMEI; registered: only the allow list (env FLEETWIRE_POLICY, default ${DEFAULT-VALUE}).")
  Policy policy;

  @Option(names = "--allow-list", defaultValue = "${env:FLEETWIRE_ALLOW_LIST}", paramLabel = "FILE", description = "IMEIs accepted by --policy registered, one per line, # comments (env FLEETWIRE_ALLOW_LIST).")
  Path allowList;

  @Option(names = "--fixed-imei", split = ",", defaultValue = "${env:FLEETWIRE_FIXED_IMEI}", paramLabel = "PORT=IMEI", description = "Extra listener for a device that never logs in; repeatable (env FLEETWIRE_FIXED_IMEI, comma-separated).")
  List<FixedImeiListener> fixedImeis = new ArrayList<>();

  @Option(names = "--publisher", defaultValue = "${env:FLEETWIRE_PUBLISHER}", description = "servicebus, ndjson:PATH or memory (env FLEETWIRE_PUBLISHER; default servicebus when FLEETWIRE_SERVICEBUS_NAMESPACE or FLEETWIRE_SERVICEBUS_CONNECTION is set, else " + DEFAULT_PUBLISHER + ").")
  String publisher;

  @Option(names = "--envelope-bytes", defaultValue = "${env:FLEETWIRE_ENVELOPE_BYTES:-196608}", description = "Service Bus: largest message packing many device batches, at most 262144 (env FLEETWIRE_ENVELOPE_BYTES, default ${DEFAULT-VALUE}).")
  int envelopeBytes;

  @Option(names = "--envelope-linger", defaultValue = "${env:FLEETWIRE_ENVELOPE_LINGER:-5ms}", description = "Service Bus: longest wait to fill a message (env FLEETWIRE_ENVELOPE_LINGER, default ${DEFAULT-VALUE}).")
  Duration envelopeLinger;

  @Option(names = "--drain-timeout", defaultValue = "${env:FLEETWIRE_DRAIN_TIMEOUT:-20s}", description = "Longest wait for in-flight publishes on shutdown (env FLEETWIRE_DRAIN_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--max-in-flight", defaultValue = "${env:FLEETWIRE_MAX_IN_FLIGHT:-10000}", description = "Front-wide bound on publishes awaiting confirmation (env FLEETWIRE_MAX_IN_FLIGHT, default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--tls-port", defaultValue = "${env:FLEETWIRE_TLS_PORT}", description = "TLS 1.2/1.3 device port, same protocol as --port; off unless set (env FLEETWIRE_TLS_PORT).")
  Integer tlsPort;

  @Option(names = "--tls-cert", defaultValue = "${env:FLEETWIRE_TLS_CERT:-/etc/fleetwire/tls/tls.crt}", paramLabel = "PEM", description = "Certificate chain for --tls-port, reloaded when it changes (env FLEETWIRE_TLS_CERT, default ${DEFAULT-VALUE}).")
  Path tlsCert;

  @Option(names = "--tls-key", defaultValue = "${env:FLEETWIRE_TLS_KEY:-/etc/fleetwire/tls/tls.key}", paramLabel = "PEM", description = "Unencrypted PKCS#8 private key of --tls-cert (env FLEETWIRE_TLS_KEY, default ${DEFAULT-VALUE}).")
  Path tlsKey;

  @Option(names = "--max-connections", defaultValue = "${env:FLEETWIRE_MAX_CONNECTIONS:-100000}", description = "Open device connections at most; more are closed at once (env FLEETWIRE_MAX_CONNECTIONS, default ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--login-timeout", defaultValue = "${env:FLEETWIRE_LOGIN_TIMEOUT:-30s}", description = "Close a connection that has not logged in within this (env FLEETWIRE_LOGIN_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration loginTimeout;

  @Option(names = "--frame-timeout", defaultValue = "${env:FLEETWIRE_FRAME_TIMEOUT:-60s}", description = "Close a connection whose started frame is not complete within this (env FLEETWIRE_FRAME_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration frameTimeout;

  @Option(names = "--connection-rate", defaultValue = "${env:FLEETWIRE_CONNECTION_RATE:-0}", paramLabel = "PER_SECOND", description = "New connections per second per source address; 0 = no limit. Only where clients connect directly: behind Container Apps TCP ingress the client address is not visible (env FLEETWIRE_CONNECTION_RATE, default ${DEFAULT-VALUE}).")
  double connectionRate;

  @Option(names = "--front-id", defaultValue = "${env:FLEETWIRE_FRONT_ID}", description = "Instance id written into every batch (env FLEETWIRE_FRONT_ID, default: host name).")
  String frontId;

  @Option(names = "--command-timeout", defaultValue = "${env:FLEETWIRE_COMMAND_TIMEOUT:-60s}", description = "Device commands (on when Service Bus and FLEETWIRE_COSMOS_ENDPOINT are set): a sent command unanswered this long expires (env FLEETWIRE_COMMAND_TIMEOUT, default ${DEFAULT-VALUE}).")
  Duration commandTimeout;

  static final String DEFAULT_PUBLISHER = "ndjson:./data/telemetry.ndjson";
  static final String SERVICE_BUS = "servicebus";

  /** The process environment, replaceable in tests. */
  Map<String, String> env = System.getenv();

  /** Where the Service Bus clients come from, replaceable in tests (no Service Bus server runs there). */
  ServiceBusClients serviceBus = ServiceBusClients.azure();

  public static void main(String[] args) {
    System.exit(commandLine(new FrontApplication()).execute(args));
  }

  static CommandLine commandLine(FrontApplication app) {
    CommandLine cl = new CommandLine(app);
    cl.registerConverter(Duration.class, converter(DurationText::parse));
    cl.registerConverter(FixedImeiListener.class, converter(FixedImeiListener::parse));
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      LOG.error("fleetwire-tcp-front failed to start: {}", e.getMessage(), e);
      commandLine.getErr().println("fleetwire-tcp-front: " + e.getMessage());
      return 1;
    });
    return cl;
  }

  private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
    return text -> {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    };
  }

  /** The settings the flags describe; a combination that makes no sense is a parameter error. */
  FrontConfig config() {
    try {
      FrontConfig config = FrontConfig.defaults()
          .withHost(host)
          .withPort(port)
          .withHealthPort(healthPort)
          .withIdleTimeout(idleTimeout)
          .withMaxFrameBytes(maxFrameBytes)
          .withDrainTimeout(drainTimeout)
          .withMaxInFlightPublishes(maxInFlight)
          .withLimits(new ConnectionLimits(maxConnections, loginTimeout, frameTimeout, connectionRate));
      if (tlsPort != null) {
        config = config.withTls(new TlsListener(tlsPort, tlsCert, tlsKey));
      }
      if (frontId != null) {
        config = config.withFrontId(frontId);
      }
      for (FixedImeiListener fixed : fixedImeis) {
        config = config.withFixedImei(fixed);
      }
      return config;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  DeviceRegistry registry() {
    if (policy == Policy.open) {
      if (allowList != null) {
        throw new ParameterException(spec.commandLine(), "--allow-list is only read with --policy registered");
      }
      return DeviceRegistry.open();
    }
    if (allowList == null) {
      if (!isBlank(env.get(CosmosSettings.ENDPOINT_ENV))) {
        LOG.info("policy registered: devices from the Cosmos DB registry at {}", env.get(CosmosSettings.ENDPOINT_ENV));
        return CosmosDeviceRegistry.create(CosmosSettings.fromEnvironment(env));
      }
      throw new ParameterException(spec.commandLine(),
          "--policy registered needs --allow-list FILE or " + CosmosSettings.ENDPOINT_ENV + " (the Cosmos DB registry)");
    }
    try {
      AllowListRegistry registry = AllowListRegistry.load(allowList);
      LOG.info("policy registered: {} IMEIs from {}", registry.size(), allowList);
      return registry;
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read --allow-list " + allowList + ": " + e, e);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--allow-list " + e.getMessage(), e);
    }
  }

  /** {@code --publisher}, or Service Bus when the environment names a namespace, else NDJSON. */
  TelemetryPublisher openPublisher() {
    String chosen = publisher != null ? publisher.strip()
        : ServiceBusSettings.isConfigured(env) ? SERVICE_BUS : DEFAULT_PUBLISHER;
    if (!chosen.equals(SERVICE_BUS)) {
      try {
        PublisherSpec parsed = PublisherSpec.parse(chosen);
        LOG.info("publisher {}", parsed);
        return parsed.open();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage() + " or " + SERVICE_BUS, e);
      }
    }
    if (!ServiceBusSettings.isConfigured(env)) {
      throw new ParameterException(spec.commandLine(), "--publisher servicebus needs "
          + ServiceBusSettings.NAMESPACE_ENV + " (with a managed identity) or " + ServiceBusSettings.CONNECTION_ENV);
    }
    ServiceBusSettings settings;
    try {
      settings = ServiceBusSettings.fromEnvironment(env).withEnvelope(envelopeBytes, envelopeLinger);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    LOG.info("publisher {}", settings);
    return ServiceBusTelemetryPublisher.create(settings, serviceBus);
  }

  /**
   * Device commands when Service Bus and Cosmos DB are both configured; without them the front
   * only logs what devices answer.
   */
  AzureCommands openCommands(FrontConfig config) {
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--command-timeout must be positive, got " + commandTimeout);
    }
    if (!AzureCommands.isConfigured(env)) {
      if (ServiceBusSettings.isConfigured(env)) {
        LOG.warn("device commands off: they need {} (the commands container) beside Service Bus",
            CosmosSettings.ENDPOINT_ENV);
      }
      return null;
    }
    try {
      return AzureCommands.start(env, config.frontId(), commandTimeout, serviceBus);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** Everything the flags and environment describe, started. */
  RunningFront start() {
    FrontConfig config = config();
    DeviceRegistry registry = registry();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TelemetryPublisher telemetry = openPublisher();
    AzureCommands commands = null;
    try {
      commands = openCommands(config);
      FrontServer server = commands == null
          ? FrontServer.start(config, telemetry, registry, meters)
          : FrontServer.start(config, telemetry, registry, commands.outbox(), commands.outbox(), meters);
      return new RunningFront(server, telemetry, commands);
    } catch (RuntimeException e) {
      if (commands != null) {
        commands.close();
      }
      telemetry.close();
      throw e;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    RunningFront running = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "front-drain"));
    stopped.await();
    return 0;
  }
}
