package io.fleetwire.front.tls;

import io.fleetwire.front.metrics.FrontMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

/**
 * Right after the {@code SslHandler}: a client that fails the handshake (plain TCP on the TLS
 * port, an unsupported protocol version, a timeout) or later breaks the TLS record layer is counted
 * as {@code tls-failed}, logged with its address, and closed, without a stack trace and without
 * reaching the device session.
 */
public final class TlsHandshakeGuard extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeGuard.class);

  private final FrontMetrics metrics;
  private boolean failed;

  public TlsHandshakeGuard(FrontMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
      fail(ctx, done.cause());
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable tls = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (tls instanceof SSLException) {
      fail(ctx, tls);
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    metrics.reject("tls-failed");
    LOG.warn("imei=null remote={} tls-failed: {}; closing", ctx.channel().remoteAddress(), cause.getMessage());
    ctx.close();
  }
}
