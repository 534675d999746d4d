package io.fleetwire.local;

import io.fleetwire.front.server.DurationText;
import io.fleetwire.front.server.FrontConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar fleetwire-local.jar}: flags (or {@code FLEETWIRE_*} env vars) → {@link LocalStack}. */
@Command(name = "fleetwire-local", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Fleetwire in one process: TCP front, ingest, SQLite store, HTTP API and dashboard.",
    footer = "Every option can also be set by its environment variable (FLEETWIRE_TCP_PORT, FLEETWIRE_DEMO, ...).")
public final class LocalApplication implements Callable<Integer> {

  @Spec
  CommandSpec spec;
  private static final Logger LOG = LoggerFactory.getLogger(LocalApplication.class);

  @Option(names = "--tcp-host", defaultValue = "${env:FLEETWIRE_TCP_HOST:-0.0.0.0}", description = "Address devices connect to (default ${DEFAULT-VALUE}).")
  String tcpHost;

  @Option(names = "--tcp-port", defaultValue = "${env:FLEETWIRE_TCP_PORT:-5027}", description = "Device port (default ${DEFAULT-VALUE}).")
  int tcpPort;

  @Option(names = "--http-host", defaultValue = "${env:FLEETWIRE_HTTP_HOST:-127.0.0.1}", description = "Address of the API and dashboard; open it wider only with --api-token (default ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--http-port", defaultValue = "${env:FLEETWIRE_HTTP_PORT:-7071}", description = "API and dashboard port (default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--data", defaultValue = "${env:FLEETWIRE_DATA:-./data}", description = "Data directory; the SQLite file lives in it (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--policy", defaultValue = "${env:FLEETWIRE_POLICY:-open}", description = "open: any 15-digit IMEI, registered: only devices registered through the API (default ${DEFAULT-VALUE}).")
  LocalConfig.Policy policy;

  @Option(names = "--idle-timeout", defaultValue = "${env:FLEETWIRE_IDLE_TIMEOUT:-10m}", description = "Close a device connection silent this long: 30s, 10m, PT10M (default ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--max-frame-bytes", defaultValue = "${env:FLEETWIRE_MAX_FRAME_BYTES:-65536}", description = "Largest accepted frame (default ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  @Option(names = "--demo", defaultValue = "${env:FLEETWIRE_DEMO:-0}", description = "Start this many simulated trackers in-process (default ${DEFAULT-VALUE}).")
  int demo;

  @Option(names = "--demo-interval", defaultValue = "${env:FLEETWIRE_DEMO_INTERVAL:-5s}", description = "How often each simulated tracker sends (default ${DEFAULT-VALUE}).")
  String demoInterval;

  @Option(names = "--command-timeout", defaultValue = "${env:FLEETWIRE_COMMAND_TIMEOUT:-60s}", description = "A device command unanswered this long expires (default ${DEFAULT-VALUE}).")
  String commandTimeout;

  @Option(names = "--api-token", defaultValue = "${env:FLEETWIRE_API_TOKEN}", description = "Require 'Authorization: Bearer TOKEN' on the API (open the dashboard with ?token=TOKEN).")
  String apiToken;

  @Option(names = "--webhook-url", defaultValue = "${env:FLEETWIRE_WEBHOOK_URL}", description = "POST every opened and closed alert here, signed (env FLEETWIRE_WEBHOOK_URL).")
  URI webhookUrl;

  @Option(names = "--webhook-secret", defaultValue = "${env:FLEETWIRE_WEBHOOK_SECRET}", description = "Secret of the X-Fleetwire-Signature HMAC; required with --webhook-url (env FLEETWIRE_WEBHOOK_SECRET).")
  String webhookSecret;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LocalApplication()).execute(args));
  }

  /** The cause chain in one line: a port in use or an unwritable directory, not a stack trace. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
      e = cause;
    }
    return text.toString();
  }

  LocalConfig config() {
    Duration idle = DurationText.parse(idleTimeout);
    Duration interval = DurationText.parse(demoInterval);
    return new LocalConfig(tcpHost, tcpPort, httpHost, httpPort, data, policy, idle,
        maxFrameBytes == 0 ? FrontConfig.DEFAULT_MAX_FRAME_BYTES : maxFrameBytes, demo, interval, apiToken);
  }

  @Override
  public Integer call() throws InterruptedException {
    LocalConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Duration timeout;
    try {
      timeout = DurationText.parse(commandTimeout);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    AlertSettings alerts;
    try {
      alerts = webhookUrl == null && webhookSecret == null ? AlertSettings.NONE
          : AlertSettings.webhook(webhookUrl, webhookSecret);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    LocalStack stack;
    try {
      stack = LocalStack.start(config, timeout, alerts);
    } catch (RuntimeException e) {
      LOG.error("cannot start the local stack: {}", describe(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "local-stack-stop"));
    stopped.await();
    return 0;
  }
}
