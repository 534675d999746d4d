package io.fleetwire.front.server;

import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.front.tls.TlsListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of one front. Start from {@link #defaults()} and change what differs with the
 * {@code with…} methods. Port 0 binds an ephemeral port (tests); {@code healthPort} -1 starts no
 * health listener (an embedding process that serves its own).
 *
 * @param maxInFlightPublishes front-wide bound on publishes awaiting the publisher's confirmation
 * @param frontId              instance id written into every batch
 * @param limits               connection count, login and partial-frame deadlines, per-address rate
 * @param tls                  the TLS listener, or {@code null} for none
 * @param healthHost           address of the health/metrics listener, which may differ from the devices'
 */
public record FrontConfig(
    String host,
    int port,
    int healthPort,
    Duration idleTimeout,
    int maxFrameBytes,
    List<FixedImeiListener> fixedImeis,
    Duration drainTimeout,
    int maxInFlightPublishes,
    String frontId,
    ConnectionLimits limits,
    TlsListener tls,
    String healthHost) {

  public static final int DEFAULT_PORT = 5027;
  public static final int DEFAULT_HEALTH_PORT = 8080;
  public static final int NO_HEALTH_PORT = -1;
  public static final String DEFAULT_HEALTH_HOST = "0.0.0.0";
  /** A Teltonika frame of 255 Codec 8E records with IO stays well below this (DESIGN rule 4). */
  public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

  public FrontConfig {
    Objects.requireNonNull(host, "host");
    checkPort("port", port);
    if (healthPort != NO_HEALTH_PORT) {
      checkPort("health port", healthPort);
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
    }
    if (maxFrameBytes < 64) {
      throw new IllegalArgumentException("max frame bytes must be at least 64, was " + maxFrameBytes);
    }
    fixedImeis = List.copyOf(fixedImeis);
    if (drainTimeout == null || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drain timeout must not be negative, was " + drainTimeout);
    }
    if (maxInFlightPublishes < 1) {
      throw new IllegalArgumentException("max in-flight publishes must be at least 1, was " + maxInFlightPublishes);
    }
    if (frontId == null || frontId.isBlank()) {
      throw new IllegalArgumentException("front id must not be blank");
    }
    Objects.requireNonNull(limits, "limits");
    if (healthHost == null || healthHost.isBlank()) {
      throw new IllegalArgumentException("health host must not be blank");
    }
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be 0..65535, was " + port);
    }
  }

  public static FrontConfig defaults() {
    return new FrontConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_HEALTH_PORT, DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_FRAME_BYTES, List.of(), DEFAULT_DRAIN_TIMEOUT, DEFAULT_MAX_IN_FLIGHT, defaultFrontId(),
        ConnectionLimits.defaults(), null, DEFAULT_HEALTH_HOST);
  }

  /** The container's host name where there is one, else a random id. */
  public static String defaultFrontId() {
    String host = System.getenv("HOSTNAME");
    return host != null && !host.isBlank() ? host : "front-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public FrontConfig withHost(String value) {
    return new FrontConfig(value, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withPort(int value) {
    return new FrontConfig(host, value, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withHealthPort(int value) {
    return new FrontConfig(host, port, value, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withIdleTimeout(Duration value) {
    return new FrontConfig(host, port, healthPort, value, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withMaxFrameBytes(int value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, value, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withFixedImei(FixedImeiListener listener) {
    List<FixedImeiListener> more = new ArrayList<>(fixedImeis);
    more.add(listener);
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, more, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withDrainTimeout(Duration value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, value,
        maxInFlightPublishes, frontId, limits, tls, healthHost);
  }

  public FrontConfig withMaxInFlightPublishes(int value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        value, frontId, limits, tls, healthHost);
  }

  public FrontConfig withFrontId(String value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, value, limits, tls, healthHost);
  }

  public FrontConfig withLimits(ConnectionLimits value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, value, tls, healthHost);
  }

  /** {@code value} null for no TLS listener. */
  public FrontConfig withTls(TlsListener value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, value, healthHost);
  }

  public FrontConfig withHealthHost(String value) {
    return new FrontConfig(host, port, healthPort, idleTimeout, maxFrameBytes, fixedImeis, drainTimeout,
        maxInFlightPublishes, frontId, limits, tls, value);
  }
}
