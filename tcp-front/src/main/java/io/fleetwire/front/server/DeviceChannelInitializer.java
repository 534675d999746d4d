package io.fleetwire.front.server;

import io.fleetwire.front.session.DeviceSession;
import io.fleetwire.front.session.SessionServices;
import io.fleetwire.front.teltonika.TeltonikaFrameDecoder;
import io.fleetwire.front.teltonika.TeltonikaMessageDecoder;
import io.fleetwire.front.teltonika.TeltonikaServerEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one device connection: idle timeout → framing → message decoding → encoder →
 * session. Framing and session hold per-connection state; decoder and encoder are shared.
 */
public final class DeviceChannelInitializer extends ChannelInitializer<SocketChannel> {
  public static final String IDLE = "idle";
  public static final String FRAMING = "framing";
  public static final String DECODING = "decoding";
  public static final String ENCODER = "encoder";
  public static final String SESSION = "session";

  private static final TeltonikaMessageDecoder MESSAGE_DECODER = new TeltonikaMessageDecoder();
  private static final TeltonikaServerEncoder SERVER_ENCODER = new TeltonikaServerEncoder();

  private final SessionServices services;
  private final Duration idleTimeout;
  private final int maxFrameBytes;
  private final String fixedImei;
  private final ChannelGroup connections;

  /** {@code fixedImei} null for the login port, else the IMEI of a fixed-IMEI listener. */
  public DeviceChannelInitializer(SessionServices services, Duration idleTimeout, int maxFrameBytes,
      String fixedImei, ChannelGroup connections) {
    this.services = services;
    this.idleTimeout = idleTimeout;
    this.maxFrameBytes = maxFrameBytes;
    this.fixedImei = fixedImei;
    this.connections = connections;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    connections.add(ch);
    ch.pipeline()
        // Reader idle: a half-open mobile connection never reads again, however long we write.
        .addLast(IDLE, new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast(FRAMING, new TeltonikaFrameDecoder(maxFrameBytes))
        .addLast(DECODING, MESSAGE_DECODER)
        .addLast(ENCODER, SERVER_ENCODER)
        .addLast(SESSION, new DeviceSession(services, fixedImei));
  }
}
