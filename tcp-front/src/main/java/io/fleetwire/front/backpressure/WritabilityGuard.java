package io.fleetwire.front.backpressure;

import io.fleetwire.front.backpressure.ReadPause.Reason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure by not reading: while the connection's write buffer is above its high water mark
 * (the peer does not read what we answer), nothing more is read from it, so it cannot make us
 * queue more answers. The deadline starts when the peer first falls behind and holds until it has
 * caught up (nothing left to write): a peer that reads a trickle, just enough to dip below the low
 * water mark now and then, is closed like one that reads nothing. Per connection.
 */
public final class WritabilityGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WritabilityGuard.class);

  private final Duration deadline;
  private final BackpressureMetrics metrics;
  private ScheduledFuture<?> closer;

  public WritabilityGuard(Duration deadline, BackpressureMetrics metrics) {
    this.deadline = deadline;
    this.metrics = metrics;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ReadPause pause = ReadPause.of(ctx.channel());
    if (!ctx.channel().isWritable()) {
      pause.pause(Reason.UNWRITABLE);
      metrics.paused();
      if (closer == null) {
        closer = ctx.executor().schedule(() -> closeIfStillUnwritable(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else if (closer != null) {
      pause.resume(Reason.UNWRITABLE);
      if (caughtUp(ctx)) {
        closer.cancel(false);
        closer = null;
      }
    }
    ctx.fireChannelWritabilityChanged();
  }

  private static boolean caughtUp(ChannelHandlerContext ctx) {
    ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
    return pending == null || pending.totalPendingWriteBytes() == 0;
  }

  private void closeIfStillUnwritable(ChannelHandlerContext ctx) {
    closer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (ctx.channel().isWritable() && caughtUp(ctx)) {
      return;
    }
    metrics.closed("unwritable");
    LOG.warn("remote={} has not read its replies for {}; closing", ctx.channel().remoteAddress(), deadline);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (closer != null) {
      closer.cancel(false);
      closer = null;
    }
    ctx.fireChannelInactive();
  }
}
