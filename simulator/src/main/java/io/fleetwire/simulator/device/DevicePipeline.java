package io.fleetwire.simulator.device;

import io.fleetwire.simulator.commands.CommandResponder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Per connection: optional TLS, optional writer-idle detection for keep-alives, reply decoding, the device. */
final class DevicePipeline extends ChannelInitializer<Channel> {
  private final SimulatedDevice device;
  private final Duration keepAlive;
  private final CommandResponder responder;

  DevicePipeline(SimulatedDevice device, Duration keepAlive) {
    this.device = device;
    this.keepAlive = keepAlive;
    this.responder = new CommandResponder(device.imei(), Clock.systemUTC());
  }

  @Override
  protected void initChannel(Channel channel) {
    SslHandler tls = DeviceTls.handlerFor(channel);
    if (tls != null) {
      channel.pipeline().addLast("tls", tls);
    }
    if (keepAlive != null && !keepAlive.isZero()) {
      channel.pipeline().addLast("keepAlive",
          new IdleStateHandler(0, keepAlive.toMillis(), 0, TimeUnit.MILLISECONDS));
    }
    channel.pipeline().addLast("replies", new ServerReplyDecoder());
    channel.pipeline().addLast("device", new DeviceChannelHandler(device, responder));
  }
}
