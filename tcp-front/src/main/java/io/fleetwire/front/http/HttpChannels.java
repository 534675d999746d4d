package io.fleetwire.front.http;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.fleetwire.front.backpressure.WritabilityGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The common front half of every HTTP listener's pipeline (health, metrics, the local API and
 * dashboard): connection limit, idle/header/request deadlines, size limits, bounded pipelining and
 * backpressure. One instance per listener; the application handler goes after
 * {@link #install(Channel)}, and sees only complete {@code FullHttpRequest}s, some of which may
 * carry a decoder failure ({@link HttpErrors#decodeFailure}).
 */
public final class HttpChannels {
  private static final Logger LOG = LoggerFactory.getLogger(HttpChannels.class);
  /** Answers are small JSON or shared static buffers: a peer 64 KB behind is not reading. */
  public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

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
    HttpDeadlines deadlines = new HttpDeadlines(limits.headerTimeout(), limits.requestTimeout(), metrics);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline
        .addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast("request-deadline", deadlines.bytes())
        .addLast("http", new HttpServerCodec(limits.maxInitialLineBytes(), limits.maxHeaderBytes(), 8_192))
        .addLast("header-deadline", deadlines.messages())
        .addLast("keep-alive", new HttpServerKeepAliveHandler())
        .addLast("aggregate", new JsonErrorAggregator(limits.maxRequestBytes()))
        .addLast("pipelining", new HttpPipelineLimit(metrics))
        .addLast("backpressure", new WritabilityGuard(limits.writeTimeout(), metrics));
    return true;
  }

  /** HTTP connections open now. */
  public int open() {
    return open.get();
  }
}
