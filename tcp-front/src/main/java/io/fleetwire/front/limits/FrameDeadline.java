package io.fleetwire.front.limits;

import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.front.session.DeviceSession;
import io.fleetwire.front.teltonika.TeltonikaFrameDecoder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose frame was started but not completed within the frame timeout
 * (slow-loris: a client that dribbles a byte now and then defeats the idle timeout, which every
 * byte resets, but not this deadline, which only a completed frame resets). Sits right after the
 * framing stage: each completed frame passes through it, and after each read it asks the frame
 * decoder whether it holds a partial frame. Time during which the front itself stopped reading
 * (a publish in flight) is not held against the device. One instance per connection.
 */
public final class FrameDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(FrameDeadline.class);

  private final Duration timeout;
  private final TeltonikaFrameDecoder framing;
  private final FrontMetrics metrics;
  private ScheduledFuture<?> deadline;
  private boolean frameCompleted;

  /** {@code framing} is this connection's frame decoder. */
  public FrameDeadline(Duration timeout, TeltonikaFrameDecoder framing, FrontMetrics metrics) {
    this.timeout = timeout;
    this.framing = framing;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    frameCompleted = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!framing.hasPartialFrame()) {
      cancel();
    } else if (deadline == null || frameCompleted) {
      // The partial bytes belong to a frame that started in this read: its own deadline begins.
      cancel();
      arm(ctx);
    }
    frameCompleted = false;
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void arm(ChannelHandlerContext ctx) {
    deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    deadline = null;
    if (!ctx.channel().isActive() || !framing.hasPartialFrame()) {
      return;
    }
    if (!ctx.channel().config().isAutoRead()) {
      arm(ctx);
      return;
    }
    metrics.reject("frame-timeout");
    DeviceSession session = ctx.pipeline().get(DeviceSession.class);
    LOG.warn("imei={} remote={} frame-timeout: frame started but not completed within {}; closing",
        session == null ? null : session.imei(), ctx.channel().remoteAddress(), timeout);
    ctx.close();
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
