package io.fleetwire.front.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.net.InetSocketAddress;

/**
 * The HTTP listener of the health probes and the Prometheus scrape, on its own port. It shares the
 * front's event loops; {@code /metrics} answers only when the registry is a Prometheus one.
 */
public final class HealthServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 8_192;
  private static final int READ_TIMEOUT_SECONDS = 30;

  private final Channel channel;

  private HealthServer(Channel channel) {
    this.channel = channel;
  }

  public static HealthServer start(String host, int port, Readiness readiness, MeterRegistry registry,
      EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
    PrometheusMeterRegistry prometheus = registry instanceof PrometheusMeterRegistry p ? p : null;
    HealthHandler handler = new HealthHandler(readiness, prometheus);
    Channel channel = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast("timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("health", handler);
          }
        })
        .bind(host, port).sync().channel();
    return new HealthServer(channel);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
