package io.fleetwire.local.dashboard;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;
import io.fleetwire.local.store.SqliteTelemetryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real local stack for a browser test: loopback, any free ports, a fresh data directory, the
 * {@code open} device policy, no built-in demo devices. Closing stops it and deletes its data.
 */
final class RunningStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningStack.class);

  private final LocalStack stack;
  private final Path dataDir;
  private final FleetApiClient api;
  private boolean closed;

  private RunningStack(LocalStack stack, Path dataDir, String token) {
    this.stack = stack;
    this.dataDir = dataDir;
    this.api = new FleetApiClient(url(""), token);
  }

  /** Starts a stack; with an {@code apiToken} its API needs that bearer token (null: open API). */
  static RunningStack start(String apiToken) {
    return start(apiToken, store -> { });
  }

  /**
   * As {@link #start(String)}, on a data directory whose store {@code seed} filled first, with the
   * stack's own SQLite store: faster than thousands of devices logging in through the front.
   */
  static RunningStack start(String apiToken, Consumer<TelemetryStore> seed) {
    try {
      Path dataDir = Files.createTempDirectory("fleetwire-dashboard-");
      LocalConfig config = new LocalConfig("127.0.0.1", 0, "127.0.0.1", 0, dataDir, LocalConfig.Policy.open,
          Duration.ofMinutes(1), 65_536, 0, Duration.ofSeconds(5), apiToken);
      try (SqliteTelemetryStore store = SqliteTelemetryStore.open(config.databaseFile())) {
        seed.accept(store);
      }
      return new RunningStack(LocalStack.start(config), dataDir, apiToken);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for the local stack", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the local stack started", e);
    }
  }

  /** An absolute URL on the stack's HTTP server, e.g. {@code url("/?tiles=none")}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + stack.httpPort() + pathAndQuery;
  }

  int tcpPort() {
    return stack.tcpPort();
  }

  /** The stack's API, called with the stack's token. */
  FleetApiClient api() {
    return api;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stack.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete the stack's data directory {}", dataDir, e);
    }
  }
}
