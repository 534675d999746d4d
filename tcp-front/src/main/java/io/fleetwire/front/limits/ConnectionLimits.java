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
 * @param writeTimeout        a device that has not read its acks for this long is closed
 */
public record ConnectionLimits(int maxConnections, Duration loginTimeout, Duration frameTimeout,
    double connectionsPerSecond, Duration writeTimeout) {

  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);
  public static final double NO_RATE_LIMIT = 0;
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  public ConnectionLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max connections must be at least 1, was " + maxConnections);
    }
    requirePositive("login timeout", loginTimeout);
    requirePositive("frame timeout", frameTimeout);
    requirePositive("write timeout", writeTimeout);
    if (!(connectionsPerSecond >= 0) || Double.isInfinite(connectionsPerSecond)) {
      throw new IllegalArgumentException("connection rate must be 0 (off) or a positive number per second, was "
          + connectionsPerSecond);
    }
  }

  /** The limits with the default write timeout. */
  public ConnectionLimits(int maxConnections, Duration loginTimeout, Duration frameTimeout,
      double connectionsPerSecond) {
    this(maxConnections, loginTimeout, frameTimeout, connectionsPerSecond, DEFAULT_WRITE_TIMEOUT);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Defaults; at most as many connections as the open-files limit leaves room for ({@link OpenFiles}). */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(OpenFiles.connectionBudget(), DEFAULT_LOGIN_TIMEOUT, DEFAULT_FRAME_TIMEOUT,
        NO_RATE_LIMIT, DEFAULT_WRITE_TIMEOUT);
  }

  public boolean rateLimited() {
    return connectionsPerSecond > 0;
  }

  public ConnectionLimits withMaxConnections(int value) {
    return new ConnectionLimits(value, loginTimeout, frameTimeout, connectionsPerSecond, writeTimeout);
  }

  public ConnectionLimits withLoginTimeout(Duration value) {
    return new ConnectionLimits(maxConnections, value, frameTimeout, connectionsPerSecond, writeTimeout);
  }

  public ConnectionLimits withFrameTimeout(Duration value) {
    return new ConnectionLimits(maxConnections, loginTimeout, value, connectionsPerSecond, writeTimeout);
  }

  public ConnectionLimits withConnectionsPerSecond(double value) {
    return new ConnectionLimits(maxConnections, loginTimeout, frameTimeout, value, writeTimeout);
  }

  public ConnectionLimits withWriteTimeout(Duration value) {
    return new ConnectionLimits(maxConnections, loginTimeout, frameTimeout, connectionsPerSecond, value);
  }
}
