package io.fleetwire.front.limits;

import java.time.Duration;

/**
 * Bounds that keep one misbehaving or hostile client from holding the front's resources (DESIGN
 * rule 4).
 *
 * @param maxConnections      open device connections across all listeners; beyond it a new one is closed at once
 * @param loginTimeout        a connection that has not sent its IMEI login within it is closed
 * @param frameTimeout        a frame started but not completed within it closes the connection (slow-loris)
 * @param connectionsPerSecond new connections per second from one source address; 0 for no limit. Only
 *                            effective where the client's address is visible: behind Container Apps TCP
 *                            ingress every connection comes from the ingress, so leave it off there.
 */
public record ConnectionLimits(int maxConnections, Duration loginTimeout, Duration frameTimeout,
    double connectionsPerSecond) {

  public static final int DEFAULT_MAX_CONNECTIONS = 100_000;
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);
  public static final double NO_RATE_LIMIT = 0;

  public ConnectionLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
    }
    requirePositive("login timeout", loginTimeout);
    requirePositive("frame timeout", frameTimeout);
    if (!(connectionsPerSecond >= 0) || Double.isInfinite(connectionsPerSecond)) {
      throw new IllegalArgumentException("connection rate must be 0 (off) or a positive number per second, was "
          + connectionsPerSecond);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  public static ConnectionLimits defaults() {
    return new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_LOGIN_TIMEOUT, DEFAULT_FRAME_TIMEOUT, NO_RATE_LIMIT);
  }

  public boolean rateLimited() {
    return connectionsPerSecond > 0;
  }

  public ConnectionLimits withMaxConnections(int value) {
    return new ConnectionLimits(value, loginTimeout, frameTimeout, connectionsPerSecond);
  }

  public ConnectionLimits withLoginTimeout(Duration value) {
    return new ConnectionLimits(maxConnections, value, frameTimeout, connectionsPerSecond);
  }

  public ConnectionLimits withFrameTimeout(Duration value) {
    return new ConnectionLimits(maxConnections, loginTimeout, value, connectionsPerSecond);
  }

  public ConnectionLimits withConnectionsPerSecond(double value) {
    return new ConnectionLimits(maxConnections, loginTimeout, frameTimeout, value);
  }
}
