package io.fleetwire.local.http;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.fleetwire.front.http.HttpChannels;
import io.fleetwire.front.http.HttpLimits;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.dashboard.DashboardAssets;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's HTTP server: {@code /api/...} through {@link FleetApi} (same routes and JSON
 * as the Functions app), the dashboard at {@code /} and {@code /api/dashboard}. API calls run on
 * their own small pool so a slow store query never blocks the event loop; every connection has
 * deadlines, bounded pipelining and backpressure ({@link HttpChannels}).
 */
public final class LocalHttpServer implements AutoCloseable {
  /** Largest request the server reads; the API itself answers 413 above its own, smaller bound. */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  private final EventLoopGroup group;
  private final ExecutorService apiPool;
  private final Channel channel;
  private final ChannelGroup connections;
  private final BackpressureMetrics backpressure;

  private LocalHttpServer(EventLoopGroup group, ExecutorService apiPool, Channel channel, ChannelGroup connections,
      BackpressureMetrics backpressure) {
    this.connections = connections;
    this.group = group;
    this.apiPool = apiPool;
    this.channel = channel;
    this.backpressure = backpressure;
  }

  /** Binds {@code host:port} (port 0: any free port), open to the machine's own users only (no tokens). */
  public static LocalHttpServer start(String host, int port, FleetApi api, DashboardAssets assets)
      throws InterruptedException {
    return start(host, port, api, assets, HttpAccess.open(), HttpLimits.defaults(MAX_REQUEST_BYTES), null);
  }

  /**
   * Binds {@code host:port} (port 0: any free port) and serves until {@link #close()}.
   *
   * @param meters where the backpressure counters go ({@code listener="http"}); null for none
   */
  public static LocalHttpServer start(String host, int port, FleetApi api, DashboardAssets assets, HttpAccess access,
      HttpLimits limits, MeterRegistry meters) throws InterruptedException {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // open keep-alive connections are closed with the server, so a client sees it go instead of hanging
    ChannelGroup connections = new DefaultChannelGroup("http-connections", GlobalEventExecutor.INSTANCE);
    ExecutorService apiPool = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "fleetwire-http-api");
      thread.setDaemon(true);
      return thread;
    });
    BackpressureMetrics backpressure = meters == null ? BackpressureMetrics.unregistered("http")
        : new BackpressureMetrics(meters, "http");
    HttpChannels guards = new HttpChannels(limits, backpressure);
    HttpRouter router = new HttpRouter(new SharedAssets(assets), access);
    try {
      Channel channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childHandler(guards.then(ch -> {
            connections.add(ch);
            ch.pipeline().addLast("route", new HttpRequestHandler(router, api, apiPool, limits));
          }))
          .bind(host, port).sync().channel();
      return new LocalHttpServer(group, apiPool, channel, connections, backpressure);
    } catch (InterruptedException e) {
      release(group, apiPool);
      throw e;
    } catch (Exception e) {
      // Netty rethrows the BindException undeclared: name the address it could not take.
      release(group, apiPool);
      throw new IllegalStateException("cannot bind the HTTP port " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static void release(EventLoopGroup group, ExecutorService apiPool) {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    apiPool.shutdownNow();
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Pauses and closes of HTTP peers that did not read or kept the server waiting. */
  public BackpressureMetrics backpressure() {
    return backpressure;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    apiPool.shutdown();
  }
}
