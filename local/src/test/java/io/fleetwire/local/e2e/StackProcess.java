package io.fleetwire.local.e2e;

import io.fleetwire.local.LocalApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as its own JVM, started the way a user starts it ({@link LocalApplication} with
 * flags), on fixed ports so a restart finds the devices' address unchanged. Its output goes to
 * a log file in the data directory's parent, which a failing test can point at.
 */
final class StackProcess implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path data;
  private final Path log;
  private final int tcpPort;
  private final int httpPort;
  private Process process;

  StackProcess(Path data, Path log, int tcpPort, int httpPort) {
    this.data = data;
    this.log = log;
    this.tcpPort = tcpPort;
    this.httpPort = httpPort;
  }

  /** A port free at this moment on loopback. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the JVM and returns once {@code GET /api/health} answers 200. */
  void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        LocalApplication.class.getName(),
        "--tcp-host", "127.0.0.1", "--tcp-port", String.valueOf(tcpPort),
        "--http-port", String.valueOf(httpPort),
        "--data", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("FLEETWIRE_"));
    process = builder.start();
    awaitHealthy();
  }

  /** SIGKILL: no shutdown hook, no drain; whatever the OS holds of the files is what is left. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the stack did not die within 10 s of SIGKILL");
    }
  }

  int tcpPort() {
    return tcpPort;
  }

  int httpPort() {
    return httpPort;
  }

  /** SIGTERM, the graceful stop; a process still alive after 15 s is killed. */
  @Override
  public void close() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/health"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the stack exited with " + process.exitValue() + " before it was ready; see " + log
            + tail());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the stack was not healthy within " + READY_TIMEOUT + "; see " + log + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
