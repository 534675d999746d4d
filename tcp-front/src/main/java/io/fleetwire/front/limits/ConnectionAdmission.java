package io.fleetwire.front.limits;

import io.fleetwire.front.metrics.FrontMetrics;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before any handler is added, whether a freshly accepted connection may stay: at most
 * {@link ConnectionLimits#maxConnections()} open across all device listeners, and optionally a
 * per-source-address connection rate. A refused connection is counted ({@code fleetwire.rejects}
 * with reason {@code max-connections} or {@code connection-rate}), logged with its address, and
 * closed by the caller at once. One instance per front, shared by its listeners.
 */
public final class ConnectionAdmission {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionAdmission.class);

  private final int maxConnections;
  private final ConnectionRateLimit rateLimit;
  private final FrontMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();

  /** {@code rateLimit} null for no per-address limit. */
  public ConnectionAdmission(int maxConnections, ConnectionRateLimit rateLimit, FrontMetrics metrics) {
    this.maxConnections = maxConnections;
    this.rateLimit = rateLimit;
    this.metrics = metrics;
  }

  public static ConnectionAdmission of(ConnectionLimits limits, FrontMetrics metrics) {
    return new ConnectionAdmission(limits.maxConnections(),
        limits.rateLimited() ? new ConnectionRateLimit(limits.connectionsPerSecond()) : null, metrics);
  }

  /** True when {@code channel} may stay; it then counts until it closes. False: the caller closes it. */
  public boolean admit(Channel channel) {
    SocketAddress remote = channel.remoteAddress();
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      refuse(remote, "max-connections", maxConnections + " connections already open");
      return false;
    }
    if (rateLimit != null && remote instanceof InetSocketAddress address
        && !rateLimit.tryAcquire(address.getAddress())) {
      open.decrementAndGet();
      refuse(remote, "connection-rate", "too many new connections from " + address.getAddress());
      return false;
    }
    channel.closeFuture().addListener(closed -> open.decrementAndGet());
    return true;
  }

  /** Connections admitted and not yet closed. */
  public int open() {
    return open.get();
  }

  private void refuse(SocketAddress remote, String reason, String detail) {
    metrics.reject(reason);
    LOG.warn("imei=null remote={} {}: {}; closing at once", remote, reason, detail);
  }
}
