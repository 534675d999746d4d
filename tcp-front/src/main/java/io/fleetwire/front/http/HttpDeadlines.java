package io.fleetwire.front.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.fleetwire.front.backpressure.BackpressureMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Header and request deadlines of one HTTP connection (slow-loris): the clock starts at a
 * request's first byte, seen by {@link #bytes()} before the codec; {@link #messages()} after the
 * codec stops it when the headers, then the whole request, have been decoded. A request late on
 * either is answered 408 and the connection closed. {@link #messages()} also closes the connection
 * on the idle event of the {@code IdleStateHandler} in front of it.
 */
public final class HttpDeadlines {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDeadlines.class);

  private final Duration headerTimeout;
  private final Duration requestTimeout;
  private final BackpressureMetrics metrics;
  private ChannelHandlerContext messages;
  private ScheduledFuture<?> headerDeadline;
  private ScheduledFuture<?> requestDeadline;
  private boolean inRequest;

  public HttpDeadlines(Duration headerTimeout, Duration requestTimeout, BackpressureMetrics metrics) {
    this.headerTimeout = headerTimeout;
    this.requestTimeout = requestTimeout;
    this.metrics = metrics;
  }

  /** Goes before the HTTP codec. */
  public ChannelHandler bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inRequest && msg instanceof ByteBuf buf && buf.isReadable()) {
          inRequest = true;
          headerDeadline = schedule(ctx, headerTimeout, "header-timeout", "headers");
          requestDeadline = schedule(ctx, requestTimeout, "request-timeout", "request");
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
      }
    };
  }

  /** Goes right after the HTTP codec. */
  public ChannelHandler messages() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        messages = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest && headerDeadline != null) {
          headerDeadline.cancel(false);
          headerDeadline = null;
        }
        if (msg instanceof LastHttpContent) {
          cancel();
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
          metrics.closed("idle-timeout");
          LOG.debug("remote={} idle; closing", ctx.channel().remoteAddress());
          ctx.close();
          return;
        }
        ctx.fireUserEventTriggered(event);
      }
    };
  }

  private ScheduledFuture<?> schedule(ChannelHandlerContext ctx, Duration timeout, String reason, String what) {
    return ctx.executor().schedule(() -> expire(reason, what, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void expire(String reason, String what, Duration timeout) {
    cancel();
    metrics.closed(reason);
    LOG.warn("remote={} did not send its {} within {}; closing", messages.channel().remoteAddress(), what, timeout);
    messages.writeAndFlush(HttpErrors.response(HttpResponseStatus.REQUEST_TIMEOUT, reason.replace('-', '_'),
        "the " + what + " did not arrive within " + timeout.toSeconds() + " s"))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void cancel() {
    inRequest = false;
    if (headerDeadline != null) {
      headerDeadline.cancel(false);
      headerDeadline = null;
    }
    if (requestDeadline != null) {
      requestDeadline.cancel(false);
      requestDeadline = null;
    }
  }
}
