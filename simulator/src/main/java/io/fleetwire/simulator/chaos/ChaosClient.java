package io.fleetwire.simulator.chaos;

import io.fleetwire.simulator.teltonika.AvlEncoder;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.EncodedRecord;
import io.fleetwire.simulator.vehicle.Vehicle;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One misbehaving connection, played again after each close: it connects, runs its
 * {@link ChaosKind}'s script, and when the connection ends (the front closed it, or the script
 * closed it) reconnects after a delay, so a run produces a steady stream of hostile connections.
 * All state is confined to the client's event loop.
 */
final class ChaosClient {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosClient.class);
  /** Preamble and a data length of 0x7FFFFFF0: far beyond any front's frame bound. */
  private static final byte[] OVERSIZED_HEADER = {0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0};
  private static final int GARBAGE_BYTES = 256;
  private static final int FILLER_BYTES = 4096;
  /** A half-open client stays vanished this many steps before it starts over. */
  private static final int HALF_OPEN_HOLD_STEPS = 60;

  private final ChaosKind kind;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final ChaosStats stats;
  private final long reconnectDelayNanos;
  private final long stepNanos;
  private final SplittableRandom random;
  private final byte[] login;
  private final byte[] frame;
  private boolean stopped;
  private Channel channel;

  /**
   * @param bootstrap bound to {@code loop}, the front's address and optionally a local address
   * @param stepNanos the pause between a slow client's bytes and a garbage client's bursts
   */
  ChaosClient(ChaosKind kind, String imei, EventLoop loop, Bootstrap bootstrap, ChaosStats stats,
      long reconnectDelayNanos, long stepNanos, long seed) {
    this.kind = kind;
    this.loop = loop;
    this.stats = stats;
    this.reconnectDelayNanos = reconnectDelayNanos;
    this.stepNanos = stepNanos;
    this.random = new SplittableRandom(seed);
    this.login = AvlEncoder.login(imei);
    Vehicle vehicle = new Vehicle(seed);
    this.frame = AvlEncoder.frameOf(Codec.CODEC_8, List.of(EncodedRecord.encode(imei,
        Codec.CODEC_8, vehicle.next(System.currentTimeMillis(), false))));
    this.bootstrap = bootstrap.handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("chaos-script", new Script());
      }
    });
  }

  void start(long delayNanos) {
    loop.schedule(this::connect, delayNanos, TimeUnit.NANOSECONDS);
  }

  void stop() {
    loop.execute(() -> {
      stopped = true;
      if (channel != null) {
        channel.close();
      }
    });
  }

  private void connect() {
    if (stopped) {
      return;
    }
    bootstrap.connect().addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        LOG.debug("chaos {}: connect failed: {}", kind.label(), String.valueOf(f.cause()));
        scheduleReconnect();
      }
    });
  }

  private void scheduleReconnect() {
    if (!stopped) {
      loop.schedule(this::connect, reconnectDelayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private static ByteBuf bytes(byte[] data, int from, int to) {
    return Unpooled.wrappedBuffer(Arrays.copyOfRange(data, from, to));
  }

  /** The script of one connection; each connection gets a fresh one. */
  private final class Script extends ChannelInboundHandlerAdapter {
    private boolean closingOurselves;
    private boolean loggedIn;
    private int slowPosition;
    private ScheduledFuture<?> timer;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      channel = ctx.channel();
      stats.onConnect(kind);
      if (stopped) {
        ctx.close();
        return;
      }
      switch (kind) {
        case GARBAGE -> timer = loop.scheduleAtFixedRate(() -> sendGarbage(ctx), 0, stepNanos,
            TimeUnit.NANOSECONDS);
        case SILENT -> {
        }
        default -> send(ctx, login, 0, login.length);
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        if (!loggedIn) {
          if (in.readableBytes() > 0 && in.readByte() == 1) {
            loggedIn = true;
            stats.onAck(kind);
            afterLogin(ctx);
          }
        }
        if (in.readableBytes() >= 4) {
          stats.onAck(kind);
          if (kind == ChaosKind.HALF_OPEN) {
            vanish(ctx);
          }
        }
      } finally {
        in.release();
      }
    }

    private void afterLogin(ChannelHandlerContext ctx) {
      switch (kind) {
        case OVERSIZED -> {
          send(ctx, OVERSIZED_HEADER, 0, OVERSIZED_HEADER.length);
          send(ctx, new byte[FILLER_BYTES], 0, FILLER_BYTES);
        }
        case TRUNCATED -> {
          send(ctx, frame, 0, frame.length / 2);
          closingOurselves = true;
          ctx.close();
        }
        case SLOW -> timer = loop.scheduleAtFixedRate(() -> sendSlowByte(ctx), stepNanos, stepNanos,
            TimeUnit.NANOSECONDS);
        case HALF_OPEN -> send(ctx, frame, 0, frame.length);
        default -> {
        }
      }
    }

    /**
     * Stops reading (so the front's FIN goes unnoticed, as with a vanished peer), then after the
     * hold time drops the socket and starts over as a new connection.
     */
    private void vanish(ChannelHandlerContext ctx) {
      ctx.channel().config().setAutoRead(false);
      timer = loop.schedule(() -> {
        closingOurselves = true;
        ctx.close();
      }, stepNanos * HALF_OPEN_HOLD_STEPS, TimeUnit.NANOSECONDS);
    }

    private void sendGarbage(ChannelHandlerContext ctx) {
      byte[] noise = new byte[GARBAGE_BYTES];
      random.nextBytes(noise);
      send(ctx, noise, 0, noise.length);
    }

    private void sendSlowByte(ChannelHandlerContext ctx) {
      if (slowPosition >= frame.length) {
        slowPosition = 0;
      }
      send(ctx, frame, slowPosition, slowPosition + 1);
      slowPosition++;
    }

    private void send(ChannelHandlerContext ctx, byte[] data, int from, int to) {
      if (ctx.channel().isActive()) {
        stats.onSent(kind, to - from);
        ctx.writeAndFlush(bytes(data, from, to));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      if (!closingOurselves && !stopped) {
        stats.onClosedByFront(kind);
      }
      channel = null;
      scheduleReconnect();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("chaos {}: {}", kind.label(), String.valueOf(cause));
      ctx.close();
    }
  }
}
