package io.fleetwire.front.loopback;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.SimulationConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A front started in-process on an ephemeral loopback port without a health listener, and the
 * settings simulated devices need to reach it. The publisher stays the caller's.
 */
final class LoopbackFront implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  /** Upper bound of every wait in these tests: generous for a loaded machine, never reached when green. */
  static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final long POLL_MILLIS = 10;

  private final FrontServer server;
  private String inProcess;

  private LoopbackFront(FrontServer server) {
    this.server = server;
  }

  static LoopbackFront start(TelemetryPublisher publisher, DeviceRegistry registry, Duration idleTimeout) {
    FrontConfig config = FrontConfig.defaults()
        .withHost(HOST)
        .withPort(0)
        .withHealthPort(FrontConfig.NO_HEALTH_PORT)
        .withIdleTimeout(idleTimeout)
        .withDrainTimeout(Duration.ofSeconds(2))
        .withFrontId("front-loopback");
    return new LoopbackFront(FrontServer.start(config, publisher, registry, new SimpleMeterRegistry()));
  }

  static LoopbackFront start(TelemetryPublisher publisher) {
    return start(publisher, DeviceRegistry.open(), FrontConfig.DEFAULT_IDLE_TIMEOUT);
  }

  int port() {
    return server.port();
  }

  /**
   * Simulated devices aimed at this front. The ack timeout is far above any publish here, so a
   * device never gives up on an ack the front is about to send: no frame is resent unless the
   * front refused it.
   */
  SimulationConfig.Builder fleet() {
    return SimulationConfig.builder()
        .host(HOST)
        .port(port())
        .ackTimeout(PATIENCE)
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .ioThreads(2);
  }

  /** Simulated devices in this JVM reaching the front over its in-process listener (opened on first call). */
  SimulationConfig.Builder inProcessFleet() {
    if (inProcess == null) {
      inProcess = server.acceptInProcess().id();
    }
    return SimulationConfig.builder()
        .inProcessAddress(inProcess)
        .ackTimeout(PATIENCE)
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .ioThreads(2);
  }

  /** Open device connections as the front counts them. */
  int connections() {
    return server.connections();
  }

  /** Polls {@code condition} until it holds; fails with {@code what} after {@link #PATIENCE}. */
  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
