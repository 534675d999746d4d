package io.fleetwire.local;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.front.commands.CommandOutbox;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.dashboard.DashboardAssets;
import io.fleetwire.functions.ingest.IngestService;
import io.fleetwire.local.http.HttpAccess;
import io.fleetwire.local.http.LocalHttpServer;
import io.fleetwire.local.queue.InProcessQueue;
import io.fleetwire.functions.alert.AlertEvaluator;
import io.fleetwire.local.store.SqliteAlertStore;
import io.fleetwire.local.store.SqliteCommandStore;
import io.fleetwire.local.store.SqliteTelemetryStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;

/**
 * The whole of Fleetwire in one JVM: the TCP front publishes into an in-process queue whose
 * publish completes only once ingest committed the batch to SQLite, so the device ack still
 * means "stored"; the HTTP server serves the same API core as the Functions app, and the page.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  /** Batches waiting for the committer; beyond it a publish fails and the device resends. */
  private static final int QUEUE_CAPACITY = 20_000;
  /** Batches one SQLite transaction takes at most (group commit). */
  private static final int BATCHES_PER_COMMIT = 2_000;

  private final SqliteTelemetryStore store;
  private final CommandOutbox outbox;
  private final InProcessQueue queue;
  private final FrontServer front;
  private final LocalHttpServer http;
  private final LocalDemo demo;
  private final LocalAlerts alerts;
  private final PrometheusMeterRegistry meters;

  private LocalStack(SqliteTelemetryStore store, CommandOutbox outbox, InProcessQueue queue, FrontServer front,
      LocalHttpServer http, LocalDemo demo, LocalAlerts alerts, PrometheusMeterRegistry meters) {
    this.alerts = alerts;
    this.meters = meters;
    this.store = store;
    this.outbox = outbox;
    this.queue = queue;
    this.front = front;
    this.http = http;
    this.demo = demo;
  }

  public static LocalStack start(LocalConfig config) throws InterruptedException {
    return start(config, CommandOutbox.DEFAULT_RESPONSE_TIMEOUT);
  }

  /** As {@link #start(LocalConfig)}; a device command unanswered for {@code commandTimeout} expires. */
  public static LocalStack start(LocalConfig config, Duration commandTimeout) throws InterruptedException {
    return start(config, commandTimeout, AlertSettings.NONE);
  }

  /** As {@link #start(LocalConfig, Duration)}, delivering alerts as {@code alertSettings} say. */
  public static LocalStack start(LocalConfig config, Duration commandTimeout, AlertSettings alertSettings)
      throws InterruptedException {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
    }
    SqliteTelemetryStore store = SqliteTelemetryStore.open(config.databaseFile());
    SqliteCommandStore commands = new SqliteCommandStore(store);
    // Commands go to the front in-process: the outbox is the API's dispatcher and the front's listener.
    CommandOutbox outbox = new CommandOutbox(commands, Clock.systemUTC(), commandTimeout);
    SqliteAlertStore alertStore = new SqliteAlertStore(store);
    AlertEvaluator evaluator = new AlertEvaluator(alertStore, Clock.systemUTC());
    IngestService ingest = new IngestService(store, IoDictionary.fmb(), Clock.systemUTC(), evaluator);
    InProcessQueue queue = new InProcessQueue(ingest::ingest, QUEUE_CAPACITY, BATCHES_PER_COMMIT);
    FrontServer front = null;
    LocalHttpServer http = null;
    LocalAlerts alerts = null;
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      DeviceRegistry registry = config.policy() == LocalConfig.Policy.open
          ? DeviceRegistry.open()
          : imei -> DeviceRegistry.open().accepts(imei) && store.isRegistered(imei);
      front = FrontServer.start(FrontConfig.defaults()
          .withHost(config.tcpHost())
          .withPort(config.tcpPort())
          .withHealthPort(FrontConfig.NO_HEALTH_PORT)
          .withIdleTimeout(config.idleTimeout())
          .withMaxFrameBytes(config.maxFrameBytes())
          .withLimits(config.deviceLimits()),
          queue, registry, outbox, outbox, meters);
      FrontServer started = front;
      FleetApi api = new FleetApi(store, commands, outbox, null, alertStore, evaluator,
          () -> queue.isReady() && !started.isDraining(), Clock.systemUTC(), FleetApi.DEFAULT_ONLINE_WINDOW);
      http = LocalHttpServer.start(config.httpHost(), config.httpPort(), api, new DashboardAssets(),
          HttpAccess.of(config.apiTokens(), config.allowedHosts()), config.httpLimits(), meters);
      alerts = new LocalAlerts(alertSettings, alertStore, evaluator, store, Clock.systemUTC());
      LocalDemo demo = config.demoDevices() > 0
          ? LocalDemo.start(config.demoDevices(), config.demoInterval(), front, store, meters) : null;
      LOG.info("Fleetwire local stack: devices on {}:{}, dashboard http://{}:{}/, data in {}{}",
          config.tcpHost(), front.port(), config.httpHost(), http.port(), config.dataDir().toAbsolutePath(),
          demo == null ? "" : ", " + config.demoDevices() + " simulated devices");
      return new LocalStack(store, outbox, queue, front, http, demo, alerts, meters);
    } catch (InterruptedException | RuntimeException e) {
      if (alerts != null) {
        alerts.close();
      }
      if (http != null) {
        http.close();
      }
      if (front != null) {
        front.close();
      }
      outbox.close();
      queue.close();
      store.close();
      throw e;
    }
  }

  public int tcpPort() {
    return front.port();
  }

  public int httpPort() {
    return http.port();
  }

  /** The front's and the HTTP server's meters (connections, acks, backpressure). */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Devices stop, the front drains (in-flight batches committed and acked), then the rest closes. */
  @Override
  public void close() {
    if (demo != null) {
      demo.close();
    }
    front.close();
    outbox.close();
    queue.close();
    alerts.close();
    http.close();
    store.close();
    LOG.info("Fleetwire local stack stopped");
  }
}
