package io.fleetwire.front.server;

import io.fleetwire.front.backpressure.WritabilityGuard;
import io.fleetwire.front.limits.ConnectionAdmission;
import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.front.limits.FrameDeadline;
import io.fleetwire.front.limits.LoginDeadline;
import io.fleetwire.front.session.DeviceSession;
import io.fleetwire.front.session.SessionServices;
import io.fleetwire.front.teltonika.TeltonikaFrameDecoder;
import io.fleetwire.front.teltonika.TeltonikaMessageDecoder;
import io.fleetwire.front.teltonika.TeltonikaServerEncoder;
import io.fleetwire.front.tls.ReloadingTlsContext;
import io.fleetwire.front.tls.TlsHandshakeGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one device connection: [TLS] → idle timeout → framing → partial-frame deadline →
 * message decoding → login deadline → backpressure → encoder → session. A connection refused by the
 * {@link ConnectionAdmission} is closed before any of it is built. Framing, deadlines and session
 * hold per-connection state; decoder and encoder are shared. The same pipeline serves TCP
 * connections and the in-process channels of {@link FrontServer#acceptInProcess}.
 */
public final class DeviceChannelInitializer extends ChannelInitializer<Channel> {
  public static final String TLS = "tls";
  public static final String TLS_GUARD = "tls-guard";
  public static final String IDLE = "idle";
  public static final String FRAMING = "framing";
  public static final String FRAME_DEADLINE = "frame-deadline";
  public static final String DECODING = "decoding";
  public static final String LOGIN_DEADLINE = "login-deadline";
  public static final String ENCODER = "encoder";
  public static final String SESSION = "session";
  public static final String BACKPRESSURE = "backpressure";
  /** A device gets a 4-byte ack per frame and a rare command: 16 KB unread means it is not reading. */
  public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(4 * 1024, 16 * 1024);
  /**
   * Kernel send buffer of a device socket. Fixed and small: a device is sent a few bytes per frame,
   * and an auto-tuned buffer (megabytes on Linux) would let one that never reads absorb a million
   * replies before backpressure even starts, in kernel memory multiplied by every connection.
   */
  public static final int SEND_BUFFER_BYTES = 16 * 1024;

  private static final TeltonikaMessageDecoder MESSAGE_DECODER = new TeltonikaMessageDecoder();
  private static final TeltonikaServerEncoder SERVER_ENCODER = new TeltonikaServerEncoder();

  private final SessionServices services;
  private final Duration idleTimeout;
  private final int maxFrameBytes;
  private final String fixedImei;
  private final ChannelGroup connections;
  private final ConnectionLimits limits;
  private final ConnectionAdmission admission;
  private final ReloadingTlsContext tls;

  /**
   * {@code fixedImei} null for a login port, else the IMEI of a fixed-IMEI listener (no login
   * deadline there); {@code tls} null for plain TCP.
   */
  public DeviceChannelInitializer(SessionServices services, Duration idleTimeout, int maxFrameBytes,
      String fixedImei, ChannelGroup connections, ConnectionLimits limits, ConnectionAdmission admission,
      ReloadingTlsContext tls) {
    this.services = services;
    this.idleTimeout = idleTimeout;
    this.maxFrameBytes = maxFrameBytes;
    this.fixedImei = fixedImei;
    this.connections = connections;
    this.limits = limits;
    this.admission = admission;
    this.tls = tls;
  }

  @Override
  protected void initChannel(Channel ch) {
    if (!admission.admit(ch)) {
      ch.close();
      return;
    }
    connections.add(ch);
    if (services.draining().getAsBoolean()) {
      // accepted just before the listener closed, set up after the drain closed the others
      ch.close();
      return;
    }
    ch.config().setWriteBufferWaterMark(WATER_MARK);
    ChannelPipeline pipeline = ch.pipeline();
    if (tls != null) {
      // Each connection takes the context current at accept: a reload never touches open sessions.
      pipeline.addLast(TLS, tls.current().newHandler(ch.alloc()))
          .addLast(TLS_GUARD, new TlsHandshakeGuard(services.metrics()));
    }
    TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(maxFrameBytes);
    pipeline
        // Reader idle: a half-open mobile connection never reads again, however long we write.
        .addLast(IDLE, new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast(FRAMING, framing)
        .addLast(FRAME_DEADLINE, new FrameDeadline(limits.frameTimeout(), framing, services.metrics()))
        .addLast(DECODING, MESSAGE_DECODER);
    if (fixedImei == null) {
      pipeline.addLast(LOGIN_DEADLINE, new LoginDeadline(limits.loginTimeout(), services.metrics()));
    }
    pipeline
        .addLast(BACKPRESSURE, new WritabilityGuard(limits.writeTimeout(), services.metrics().backpressure()))
        .addLast(ENCODER, SERVER_ENCODER)
        .addLast(SESSION, new DeviceSession(services, fixedImei));
  }
}
