package io.fleetwire.front.http;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.fleetwire.front.backpressure.WritabilityGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The common front half of every HTTP listener's pipeline (health, metrics, the local API and
 * dashboard): connection limit, idle/header/request deadlines, size limits, bounded pipelining and
 * backpressure. One instance per listener; the application handler goes after
 * {@link #install(Channel)} ({@link #then}), and sees only complete {@code FullHttpRequest}s, some of which may
 * carry a decoder failure ({@link HttpErrors#decodeFailure}).
 */
public final class HttpChannels {
  private static final Logger LOG = LoggerFactory.getLogger(HttpChannels.class);
  /** Answers are small JSON or shared static buffers: a peer 64 KB behind is not reading. */
  public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
  /**
   * Kernel send buffer of an HTTP connection, fixed: auto-tuned (megabytes on Linux loopback), it
   * would swallow dozens of answers to a client that never reads before backpressure could start.
   * 128 KiB still fills a LAN link with the dashboard's files.
   */
  public static final int SEND_BUFFER_BYTES = 128 * 1024;

  private final HttpLimits limits;
  private final BackpressureMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();

  public HttpChannels(HttpLimits limits, BackpressureMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
  }

  /**
   * Adds the guards to a new connection's pipeline, or closes it and returns false when
   * {@link HttpLimits#maxConnections()} are already open.
   */
  public boolean install(Channel channel) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      metrics.closed("max-connections");
      LOG.warn("remote={} refused: {} HTTP connections already open", channel.remoteAddress(), limits.maxConnections());
      channel.close();
      return false;
    }
    channel.closeFuture().addListener(closed -> open.decrementAndGet());
    channel.config().setWriteBufferWaterMark(WATER_MARK);
    channel.config().setOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES);
    HttpDeadlines deadlines = new HttpDeadlines(limits.headerTimeout(), limits.requestTimeout(), metrics);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline
        .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast("request-deadline", deadlines.bytes())
        .addLast("http", new HttpServerCodec(limits.maxInitialLineBytes(), limits.maxHeaderBytes(), 8_192))
        .addLast("header-deadline", deadlines.messages())
        .addLast("keep-alive", new HttpServerKeepAliveHandler())
        .addLast("aggregate", new JsonErrorAggregator(limits.maxRequestBytes()))
        .addLast("pipelining", new HttpPipelineLimit(limits.writeTimeout(), metrics))
        .addLast("backpressure", new WritabilityGuard(limits.writeTimeout(), metrics));
    return true;
  }

  /** A child handler that installs the guards, then (unless the connection was refused) the application's handlers. */
  public ChannelInitializer<SocketChannel> then(Consumer<SocketChannel> application) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (install(ch)) {
          application.accept(ch);
        }
      }
    };
  }

  /** HTTP connections open now. */
  public int open() {
    return open.get();
  }
}
