package io.fleetwire.front.session;

import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.front.backpressure.ReadPause;
import io.fleetwire.front.backpressure.ReadPause.Reason;
import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.contract.registry.Imei;
import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.CameraFrame;
import io.fleetwire.front.teltonika.CorruptPacket;
import io.fleetwire.front.teltonika.DeviceMessage;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.front.teltonika.KeepAlive;
import io.fleetwire.front.teltonika.ServerMessage;
import io.fleetwire.front.teltonika.ServerMessage.LoginReply;
import io.fleetwire.front.teltonika.ServerMessage.RecordAck;
import io.fleetwire.front.teltonika.TeltonikaFramingException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * One device connection: login and policy, then each AVL packet published and acked only once the
 * publisher confirmed it (DESIGN rule 1). One publish in flight per connection; reading stops
 * while it is in flight. Frames the decoder had already produced meanwhile wait, in order, in a
 * small bounded queue. Every reaction is logged with IMEI and remote address and counted.
 */
public final class DeviceSession extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

  /** Consecutive corrupt packets after which the connection is closed (DESIGN rule 5). */
  public static final int MAX_CONSECUTIVE_CORRUPT = 3;
  /** Frames decoded from bytes already read while a publish is in flight; more means a flood. */
  public static final int MAX_PENDING_FRAMES = 16;
  /** Lines about device-sent text one connection may log per minute. */
  public static final int DEVICE_TEXT_LINES_PER_MINUTE = 10;

  private final SessionServices services;
  private final FrontMetrics metrics;
  private final ArrayDeque<DeviceMessage> pending = new ArrayDeque<>();
  private String imei;
  private boolean publishing;
  private boolean closing;
  private int consecutiveCorrupt;
  private final LogBudget deviceTextLog = new LogBudget(DEVICE_TEXT_LINES_PER_MINUTE, System.nanoTime());
  private final CameraTransfer camera = new CameraTransfer();

  /** A session whose device must log in first. */
  public DeviceSession(SessionServices services) {
    this(services, null);
  }

  /**
   * A session already logged in as {@code fixedImei}: for a listener bound to one device that
   * never sends a login (DESIGN rule 3).
   */
  public DeviceSession(SessionServices services, String fixedImei) {
    if (fixedImei != null && !Imei.isWellFormed(fixedImei)) {
      throw new IllegalArgumentException("fixed IMEI must be 15 digits, was '" + fixedImei + "'");
    }
    this.services = services;
    this.metrics = services.metrics();
    this.imei = fixedImei;
  }

  /** The IMEI of the logged-in device, or {@code null} before login. */
  public String imei() {
    return imei;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    metrics.connectionOpened();
    LOG.info("imei={} remote={} connected{}", imei, remote(ctx), imei == null ? "" : " (fixed IMEI)");
    if (imei != null) {
      services.events().online(imei, ctx.channel());
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    metrics.connectionClosed();
    pending.clear();
    LOG.info("imei={} remote={} disconnected", imei, remote(ctx));
    if (imei != null) {
      services.events().offline(imei, ctx.channel());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DeviceMessage message)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (closing) {
      return;
    }
    if (!ctx.channel().isWritable()) {
      // Decoded from bytes read before reading stopped: answering would queue more for a peer
      // that does not read. Unacked, so the device sends it again.
      metrics.backpressure().discarded();
      return;
    }
    if (publishing) {
      if (pending.size() >= MAX_PENDING_FRAMES) {
        closeFor(ctx, "too-many-pending-frames",
            "more than " + MAX_PENDING_FRAMES + " frames sent without waiting for an ack");
        return;
      }
      pending.add(message);
      return;
    }
    handle(ctx, message);
  }

  private void handle(ChannelHandlerContext ctx, DeviceMessage message) {
    if (message instanceof ImeiLogin login) {
      onLogin(ctx, login);
    } else if (message instanceof KeepAlive) {
      metrics.frame("keepalive");
    } else if (imei == null) {
      closeFor(ctx, "data-before-login", "frame " + message.getClass().getSimpleName() + " before login");
    } else if (message instanceof AvlPacket packet) {
      onAvlPacket(ctx, packet);
    } else if (message instanceof CorruptPacket corrupt) {
      onCorruptPacket(ctx, corrupt);
    } else if (message instanceof DeviceResponse response) {
      onDeviceResponse(ctx, response);
    } else if (message instanceof CameraFrame frame) {
      metrics.frame("camera");
      publish(ctx, DeviceMessageMapping.toBatch(imei, frame, services.clock().instant(), services.frontId()),
          camera.next(frame));
    }
  }

  private void onLogin(ChannelHandlerContext ctx, ImeiLogin login) {
    metrics.frame("login");
    String claimed = login.imei();
    if (imei != null) {
      if (imei.equals(claimed)) {
        ctx.writeAndFlush(new LoginReply(true));
      } else {
        metrics.login("rejected");
        reply00AndClose(ctx, "imei-changed", "login as " + DeviceText.forLog(claimed) + " on a connection of " + imei);
      }
      return;
    }
    // The registry may be remote (Cosmos on Azure): ask without blocking the event loop, and read
    // nothing more from this device until the answer is in (it waits for the reply anyway).
    ReadPause.of(ctx.channel()).pause(Reason.LOGIN);
    CompletionStage<Boolean> answer;
    try {
      answer = services.registry().acceptsAsync(claimed);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((accepted, error) -> ctx.executor().execute(() -> onLoginAnswer(ctx, claimed, accepted, error)));
  }

  private void onLoginAnswer(ChannelHandlerContext ctx, String claimed, Boolean accepted, Throwable error) {
    if (!ctx.channel().isActive()) {
      return;
    }
    ReadPause.of(ctx.channel()).resume(Reason.LOGIN);
    if (error != null) {
      metrics.login("error");
      LOG.error("imei={} remote={} device registry failed; closing without a reply", DeviceText.forLog(claimed),
          remote(ctx), error);
      closeFor(ctx, "registry-error", error.toString());
      return;
    }
    if (!accepted) {
      metrics.login(Imei.isWellFormed(claimed) ? "rejected" : "malformed");
      reply00AndClose(ctx, "login-rejected", "IMEI '" + DeviceText.forLog(claimed) + "' not accepted by the policy");
      return;
    }
    imei = claimed;
    metrics.login("accepted");
    LOG.info("imei={} remote={} login accepted", imei, remote(ctx));
    ctx.writeAndFlush(new LoginReply(true));
    services.events().online(imei, ctx.channel());
  }

  private void reply00AndClose(ChannelHandlerContext ctx, String reason, String detail) {
    closing = true;
    metrics.reject(reason);
    LOG.warn("imei={} remote={} {}: {}; replying 00 and closing", imei, remote(ctx), reason, detail);
    ctx.writeAndFlush(new LoginReply(false)).addListener(ChannelFutureListener.CLOSE);
  }

  private void onAvlPacket(ChannelHandlerContext ctx, AvlPacket packet) {
    consecutiveCorrupt = 0;
    metrics.frame(codecName(packet.codec()));
    int count = packet.records().size();
    if (count == 0) {
      ctx.writeAndFlush(new RecordAck(0));
      return;
    }
    publish(ctx, AvlRecordMapping.toBatch(imei, packet, services.clock().instant(), services.frontId()),
        new RecordAck(count));
  }

  /**
   * Publishes a batch (records or a device message) and writes {@code reply} only once the publisher
   * confirmed it: the record ack, the next camera request, or nothing ({@code null}).
   */
  private void publish(ChannelHandlerContext ctx, TelemetryBatch batch, ServerMessage reply) {
    if (services.draining().getAsBoolean()) {
      closeFor(ctx, "draining", "front is shutting down; the device resends elsewhere");
      return;
    }
    if (!batch.records().isEmpty()) {
      metrics.records(batch.records().size());
    }
    publishing = true;
    services.permits().acquire();
    long started = System.nanoTime();
    CompletionStage<Void> stage;
    try {
      stage = services.publisher().publish(batch);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((ignored, failure) -> onEventLoop(ctx,
        () -> published(ctx, batch, reply, System.nanoTime() - started, failure),
        () -> services.permits().release()));
    // A publisher that confirmed at once has already acked above; only a pending publish pauses reading.
    if (publishing) {
      ReadPause.of(ctx.channel()).pause(Reason.PUBLISHING);
    }
  }

  /** The publisher's verdict, back on the connection's event loop: reply only on success. */
  private void published(ChannelHandlerContext ctx, TelemetryBatch batch, ServerMessage reply, long nanos,
      Throwable failure) {
    metrics.published(nanos, failure == null);
    publishing = false;
    int count = batch.records().size();
    if (failure != null) {
      services.permits().release();
      pending.clear();
      closeFor(ctx, "publish-failed", "publish of " + (count > 0 ? count + " records" : "a device message")
          + " failed (" + failure + "); no ack, the device resends");
      return;
    }
    if (count > 0) {
      metrics.recordAck();
      LOG.debug("imei={} remote={} acked {} records", imei, remote(ctx), count);
    }
    if (reply != null) {
      ctx.writeAndFlush(reply).addListener(write -> services.permits().release());
    } else {
      services.permits().release();
    }
    if (count > 0) {
      services.events().recordsAcked(imei, ctx.channel());
    }
    while (!publishing && !closing && !pending.isEmpty()) {
      handle(ctx, pending.poll());
    }
    if (!publishing && !closing) {
      resumeReading(ctx);
    }
  }

  private void resumeReading(ChannelHandlerContext ctx) {
    services.permits().whenBelowLimit(() -> onEventLoop(ctx, () -> {
      if (!publishing && !closing && !services.draining().getAsBoolean() && ctx.channel().isActive()) {
        ReadPause.of(ctx.channel()).resume(Reason.PUBLISHING);
      }
    }, () -> { }));
  }

  private void onCorruptPacket(ChannelHandlerContext ctx, CorruptPacket corrupt) {
    metrics.frame("corrupt");
    metrics.reject(corrupt.reason());
    metrics.zeroAck();
    consecutiveCorrupt++;
    LOG.warn("imei={} remote={} corrupt packet ({}): {}; ack 0 ({} in a row)",
        imei, remote(ctx), corrupt.reason(), corrupt.detail(), consecutiveCorrupt);
    if (consecutiveCorrupt >= MAX_CONSECUTIVE_CORRUPT) {
      closing = true;
      metrics.reject("repeated-corrupt");
      LOG.warn("imei={} remote={} closing after {} corrupt packets in a row", imei, remote(ctx), consecutiveCorrupt);
      ctx.writeAndFlush(new RecordAck(0)).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(new RecordAck(0));
    }
  }

  /**
   * A Codec 12/14 frame while a command awaits its answer is that answer; any other such frame, and
   * every Codec 13 and 15 frame, is a message the device sent on its own and is published.
   */
  private void onDeviceResponse(ChannelHandlerContext ctx, DeviceResponse response) {
    metrics.frame(codecName(response.codec()));
    String note = deviceTextLog.take(System.nanoTime());
    if (note != null) {
      LOG.info("imei={} remote={} device response codec={} type={} text='{}'{}", imei, remote(ctx), response.codec(),
          response.type(), DeviceText.forLog(response.payload()), note);
    }
    boolean answerCodec = response.codec() == DeviceResponse.CODEC_12 || response.codec() == DeviceResponse.CODEC_14;
    try {
      if (answerCodec && services.responses().awaitsAnswer(imei)) {
        services.responses().onResponse(imei, ctx.channel().remoteAddress(), response);
        return;
      }
    } catch (RuntimeException e) {
      LOG.error("imei={} remote={} device response listener failed", imei, remote(ctx), e);
      return;
    }
    publish(ctx, DeviceMessageMapping.toBatch(imei, response, services.clock().instant(), services.frontId()), null);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle) {
      closeFor(ctx, "idle-timeout", "no data within the idle timeout (" + idle.state() + ")");
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable framing = cause instanceof DecoderException && cause.getCause() != null
        && !(cause instanceof TeltonikaFramingException) ? cause.getCause() : cause;
    if (framing instanceof TeltonikaFramingException bad) {
      closeFor(ctx, bad.reason(), bad.getMessage());
    } else if (cause instanceof IOException) {
      // the network dropped the connection (reset, broken pipe): a device's everyday event, not a fault
      LOG.info("imei={} remote={} connection lost: {}", imei, remote(ctx), cause.getMessage());
      closing = true;
      ctx.close();
    } else {
      LOG.error("imei={} remote={} unexpected error; closing", imei, remote(ctx), cause);
      closeFor(ctx, "internal-error", String.valueOf(cause));
    }
  }

  private void closeFor(ChannelHandlerContext ctx, String reason, String detail) {
    if (closing) {
      return;
    }
    closing = true;
    metrics.reject(reason);
    LOG.warn("imei={} remote={} {}: {}; closing", imei, remote(ctx), reason, detail);
    ctx.close();
  }

  private void onEventLoop(ChannelHandlerContext ctx, Runnable task, Runnable ifShutDown) {
    if (ctx.executor().inEventLoop()) {
      task.run();
      return;
    }
    try {
      ctx.executor().execute(task);
    } catch (RejectedExecutionException e) {
      LOG.warn("imei={} remote={} event loop already shut down", imei, remote(ctx));
      ifShutDown.run();
    }
  }

  private static Object remote(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress();
  }

  static String codecName(int codec) {
    return switch (codec) {
      case AvlPacket.CODEC_8 -> "8";
      case AvlPacket.CODEC_8E -> "8E";
      case AvlPacket.CODEC_16 -> "16";
      case DeviceResponse.CODEC_12 -> "12";
      case DeviceResponse.CODEC_13 -> "13";
      case DeviceResponse.CODEC_14 -> "14";
      case DeviceResponse.CODEC_15 -> "15";
      default -> String.format(Locale.ROOT, "0x%02X", codec);
    };
  }
}
