package io.fleetwire.testsupport.cosmos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Cosmos DB REST server on loopback for tests: {@code cosmos-server/server.js}, the npm package
 * {@code @vercel/cosmosdb-server} behind a wrapper that answers what the azure-cosmos client asks
 * and the bare server does not (query plans, reads of missing items). The build runs
 * {@code npm ci} for it. The node process listens on a port it picks on 127.0.0.1 and reports it;
 * it stops with {@link #close()}, and on its own when this JVM goes away (its stdin closes).
 *
 * <p>The azure-cosmos client reaches it in gateway mode at {@link #endpoint()} with any base64
 * key, once {@link #TRUST_SELF_SIGNED} is set to {@code true}: the server's certificate is
 * self-signed and has no subject alternative name, so no truststore can make it valid.
 */
public final class CosmosTestServer implements AutoCloseable {
  /** The client's switch for an emulator's certificate; it applies to localhost and 127.0.0.1 only. */
  public static final String TRUST_SELF_SIGNED = "COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED";
  /** Any base64 text is a key the server takes. */
  public static final String KEY = "ZmxlZXR3aXJlLXRlc3Qta2V5LWZvci10aGUtY29zbW9zLXRlc3Qtc2VydmVy";
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final Object SHARED_LOCK = new Object();
  private static CosmosTestServer shared;

  private final Process process;
  private final int port;

  private CosmosTestServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** One server for the whole test JVM, started on first use (about half a second). */
  public static CosmosTestServer shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null || !shared.process.isAlive()) {
        shared = start();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "cosmos-test-server-stop"));
      }
      return shared;
    }
  }

  /** Starts a server of its own; the caller closes it. */
  public static CosmosTestServer start() {
    Path directory = directory();
    if (!Files.isDirectory(directory.resolve("node_modules/@vercel/cosmosdb-server"))) {
      throw new IllegalStateException("the Cosmos test server's npm packages are missing: run `npm ci` in "
          + directory + " (the Maven build does it)");
    }
    System.setProperty(TRUST_SELF_SIGNED, "true");
    Process process;
    try {
      process = new ProcessBuilder(System.getProperty("fleetwire.node", "node"), "server.js", "0")
          .directory(directory.toFile())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run node for the Cosmos test server (is Node.js 20+ installed?)", e);
    }
    try {
      return new CosmosTestServer(process, awaitReady(process));
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Reads "ready PORT" from the server, then keeps draining its output so it never blocks on it. */
  private static int awaitReady(Process process) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (!ready.isDone() && line.startsWith("ready ")) {
            ready.complete(Integer.parseInt(line.substring("ready ".length()).trim()));
          }
        }
        ready.completeExceptionally(new IllegalStateException("the Cosmos test server exited before it was ready"));
      } catch (IOException | RuntimeException e) {
        ready.completeExceptionally(e);
      }
    }, "cosmos-test-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the Cosmos test server started", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the Cosmos test server did not start", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Cosmos test server was not ready within " + START_TIMEOUT_SECONDS + " s", e);
    }
  }

  private static Path directory() {
    Properties properties = new Properties();
    try (InputStream in = CosmosTestServer.class.getResourceAsStream("cosmos-server.properties")) {
      if (in == null) {
        throw new IllegalStateException("cosmos-server.properties is missing from the test-support classes");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Path.of(properties.getProperty("directory"));
  }

  /** The account endpoint, e.g. {@code https://127.0.0.1:41234}. */
  public String endpoint() {
    return "https://127.0.0.1:" + port;
  }

  public String key() {
    return KEY;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
