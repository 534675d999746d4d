package io.fleetwire.front.http;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.fleetwire.front.backpressure.ReadPause;
import io.fleetwire.front.backpressure.ReadPause.Reason;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Bounded HTTP pipelining: at most {@code maxInFlight} requests of one connection are being answered
 * (an answer counts until it has left for the socket); requests decoded meanwhile wait, reading
 * stops, and a connection that has more than {@code maxQueued} waiting, or whose requests have waited
 * longer than the stall timeout, is closed. Browsers never
 * pipeline; a client that sends thousands of requests without reading the answers cannot make the
 * server hold thousands of answers. Per connection; sits after the aggregator.
 */
public final class HttpPipelineLimit extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPipelineLimit.class);
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;
  public static final int DEFAULT_MAX_QUEUED = 64;

  private final int maxInFlight;
  private final int maxQueued;
  private final Duration stallTimeout;
  private final BackpressureMetrics metrics;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean closed;
  private ScheduledFuture<?> stall;

  /** {@code stallTimeout}: how long requests may wait for earlier answers to leave before the connection is closed. */
  public HttpPipelineLimit(Duration stallTimeout, BackpressureMetrics metrics) {
    this(DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_QUEUED, stallTimeout, metrics);
  }

  public HttpPipelineLimit(int maxInFlight, int maxQueued, Duration stallTimeout, BackpressureMetrics metrics) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    this.stallTimeout = stallTimeout;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (closed) {
      request.release();
      return;
    }
    if (inFlight < maxInFlight && waiting.isEmpty()) {
      inFlight++;
      ctx.fireChannelRead(request);
      return;
    }
    if (waiting.size() >= maxQueued) {
      request.release();
      closed = true;
      metrics.closed("pipelining");
      LOG.warn("remote={} pipelined more than {} requests without reading the answers; closing",
          ctx.channel().remoteAddress(), maxInFlight + maxQueued);
      ctx.close();
      return;
    }
    waiting.add(request);
    ReadPause.of(ctx.channel()).pause(Reason.PIPELINE);
    if (stall == null) {
      // Answers that never leave (the peer does not read, yet below the write-buffer mark, the
      // kernel's buffers being full) would hold this pause forever: give them a deadline.
      stall = ctx.executor().schedule(() -> closeStalled(ctx), stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void closeStalled(ChannelHandlerContext ctx) {
    stall = null;
    if (!closed && !waiting.isEmpty()) {
      closed = true;
      metrics.closed("unwritable");
      LOG.warn("remote={} has not read its answers for {}; closing", ctx.channel().remoteAddress(), stallTimeout);
      ctx.close();
    }
  }

  private void cancelStall() {
    if (stall != null) {
      stall.cancel(false);
      stall = null;
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof LastHttpContent)) {
      ctx.write(msg, promise);
      return;
    }
    ChannelPromise answered = promise.unvoid();
    answered.addListener(done -> answered(ctx));
    ctx.write(msg, answered);
  }

  private void answered(ChannelHandlerContext ctx) {
    inFlight--;
    if (closed || !ctx.channel().isActive()) {
      return;
    }
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      inFlight++;
      ctx.fireChannelRead(waiting.poll());
    }
    if (waiting.isEmpty()) {
      cancelStall();
      ReadPause.of(ctx.channel()).resume(Reason.PIPELINE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed = true;
    cancelStall();
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    waiting.forEach(ReferenceCountUtil::release);
    waiting.clear();
  }
}
