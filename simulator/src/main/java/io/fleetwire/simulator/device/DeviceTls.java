package io.fleetwire.simulator.device;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;

/**
 * Puts TLS on every connection a bootstrap makes: the client context and the front's name travel
 * as a bootstrap attribute, and {@link DevicePipeline} adds the {@code SslHandler} first. The
 * device's login waits in the handler until the handshake is done.
 */
public final class DeviceTls {
  private static final AttributeKey<DeviceTls> KEY = AttributeKey.valueOf(DeviceTls.class, "tls");

  private final SslContext context;
  private final String host;
  private final int port;

  private DeviceTls(SslContext context, String host, int port) {
    this.context = context;
    this.host = host;
    this.port = port;
  }

  /** Every connection of {@code bootstrap} (and of its clones) speaks TLS to {@code host:port}. */
  public static Bootstrap enable(Bootstrap bootstrap, SslContext context, String host, int port) {
    return bootstrap.attr(KEY, new DeviceTls(context, host, port));
  }

  /** The TLS handler for {@code channel}, or null when its bootstrap has no TLS. */
  static SslHandler handlerFor(Channel channel) {
    DeviceTls tls = channel.attr(KEY).get();
    // The host name is sent as SNI and checked against the front's certificate.
    return tls == null ? null : tls.context.newHandler(channel.alloc(), tls.host, tls.port);
  }
}
