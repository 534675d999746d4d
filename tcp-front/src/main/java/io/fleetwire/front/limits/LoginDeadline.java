package io.fleetwire.front.limits;

import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not sent its IMEI login within the login timeout: an open socket
 * that never identifies itself only holds resources. Sits after message decoding and watches for
 * the first {@link ImeiLogin}; whether the IMEI is accepted is the session's decision (a rejected
 * login is closed there). Not used on fixed-IMEI listeners, whose devices never log in. One
 * instance per connection.
 */
public final class LoginDeadline extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(LoginDeadline.class);

  private final Duration timeout;
  private final FrontMetrics metrics;
  private ScheduledFuture<?> deadline;
  private boolean loggedIn;

  public LoginDeadline(Duration timeout, FrontMetrics metrics) {
    this.timeout = timeout;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (!loggedIn) {
      deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!loggedIn && msg instanceof ImeiLogin) {
      loggedIn = true;
      cancel();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  private void expire(ChannelHandlerContext ctx) {
    if (loggedIn || !ctx.channel().isActive()) {
      return;
    }
    metrics.reject("login-timeout");
    LOG.warn("imei=null remote={} login-timeout: no IMEI login within {}; closing",
        ctx.channel().remoteAddress(), timeout);
    ctx.close();
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
