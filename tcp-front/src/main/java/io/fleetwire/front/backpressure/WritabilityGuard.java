package io.fleetwire.front.backpressure;

import io.fleetwire.front.backpressure.ReadPause.Reason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Backpressure by not reading: while the connection's write buffer is above its high water mark
 * (the peer does not read what we answer), nothing more is read from it, so it cannot make us
 * queue more answers; a peer still unwritable after the deadline is closed. Per connection.
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
      if (closer == null) {
        pause.pause(Reason.UNWRITABLE);
        metrics.paused();
        closer = ctx.executor().schedule(() -> closeIfStillUnwritable(ctx), deadline.toMillis(), TimeUnit.MILLISECONDS);
      }
    } else if (closer != null) {
      closer.cancel(false);
      closer = null;
      pause.resume(Reason.UNWRITABLE);
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void closeIfStillUnwritable(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
      metrics.closed("unwritable");
      LOG.warn("remote={} has not read its replies for {}; closing", ctx.channel().remoteAddress(), deadline);
      ctx.close();
    }
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
