package io.fleetwire.front.http;

import java.time.Duration;

/**
 * Deadlines and bounds of an HTTP listener (DESIGN rule 4: every socket has a deadline).
 *
 * @param maxConnections      open connections at most; more are closed at once
 * @param headerTimeout       a request's line and headers must arrive within it, from its first byte
 * @param requestTimeout      the whole request, body included, must arrive within it
 * @param idleTimeout         a keep-alive connection with nothing read or written for this long is closed
 * @param writeTimeout        a peer that has not read its answers for this long is closed
 * @param maxInitialLineBytes longest request line (method, URI, version): beyond it 414
 * @param maxHeaderBytes      largest header block: beyond it 431
 * @param maxRequestBytes     largest request body read: beyond it 413
 */
public record HttpLimits(int maxConnections, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout,
    Duration writeTimeout, int maxInitialLineBytes, int maxHeaderBytes, int maxRequestBytes) {

  public static final int DEFAULT_MAX_CONNECTIONS = 1_024;
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  public HttpLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max HTTP connections must be at least 1, was " + maxConnections);
    }
    positive("header timeout", headerTimeout);
    positive("request timeout", requestTimeout);
    positive("idle timeout", idleTimeout);
    positive("write timeout", writeTimeout);
    if (maxInitialLineBytes < 256 || maxHeaderBytes < 1024 || maxRequestBytes < 1024) {
      throw new IllegalArgumentException("HTTP size limits too small to serve anything");
    }
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("HTTP " + name + " must be positive, was " + value);
    }
  }

  /** Defaults sized for the dashboard API: 4 KB request line, 8 KB headers, {@code maxRequestBytes} bodies. */
  public static HttpLimits defaults(int maxRequestBytes) {
    return new HttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_HEADER_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT, DEFAULT_WRITE_TIMEOUT, 4_096, 8_192, maxRequestBytes);
  }

  public HttpLimits withMaxConnections(int value) {
    return new HttpLimits(value, headerTimeout, requestTimeout, idleTimeout, writeTimeout, maxInitialLineBytes,
        maxHeaderBytes, maxRequestBytes);
  }

  public HttpLimits withTimeouts(Duration header, Duration request, Duration idle, Duration write) {
    return new HttpLimits(maxConnections, header, request, idle, write, maxInitialLineBytes, maxHeaderBytes,
        maxRequestBytes);
  }
}
