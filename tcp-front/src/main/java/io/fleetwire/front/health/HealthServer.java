package io.fleetwire.front.health;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.fleetwire.front.http.HttpChannels;
import io.fleetwire.front.http.HttpLimits;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of the health probes and the Prometheus scrape, on its own port and its own
 * one-thread event loop: a scraper or prober that misbehaves can slow only this listener, never
 * the device connections, and a busy device loop never makes a probe time out. {@code /metrics}
 * answers only when the registry is a Prometheus one.
 */
public final class HealthServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 8_192;
  /** Probers and scrapers are few; anything beyond this is a flood. */
  private static final int MAX_CONNECTIONS = 64;

  private final EventLoopGroup group;
  private final Channel channel;

  private HealthServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  public static HealthServer start(String host, int port, Readiness readiness, MeterRegistry registry)
      throws InterruptedException {
    return start(host, port, readiness, registry, HttpLimits.DEFAULT_WRITE_TIMEOUT);
  }

  /** {@code writeTimeout}: a client that has not read its answers for this long is closed. */
  public static HealthServer start(String host, int port, Readiness readiness, MeterRegistry registry,
      Duration writeTimeout) throws InterruptedException {
    PrometheusMeterRegistry prometheus = registry instanceof PrometheusMeterRegistry p ? p : null;
    HttpLimits defaults = HttpLimits.defaults(MAX_REQUEST_BYTES).withMaxConnections(MAX_CONNECTIONS);
    HttpLimits limits = defaults.withTimeouts(defaults.headerTimeout(), defaults.requestTimeout(),
        defaults.idleTimeout(), writeTimeout);
    HealthHandler handler = new HealthHandler(readiness, prometheus, limits);
    HttpChannels guards = new HttpChannels(limits,
        registry == null ? BackpressureMetrics.unregistered("health") : new BackpressureMetrics(registry, "health"));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fleetwire-health", true),
        NioIoHandler.newFactory());
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(guards.then(ch -> ch.pipeline().addLast("health", handler)))
          .bind(host, port).sync().channel();
      return new HealthServer(group, channel);
    } catch (InterruptedException | RuntimeException e) {
      shutDown(group);
      throw e;
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutDown(group);
  }

  private static void shutDown(EventLoopGroup group) {
    group.shutdownGracefully(0, Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS).awaitUninterruptibly(4_000);
  }
}
