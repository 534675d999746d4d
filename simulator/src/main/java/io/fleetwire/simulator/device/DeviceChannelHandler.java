package io.fleetwire.simulator.device;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands one connection's replies and idle events to its device. One instance per connection. */
final class DeviceChannelHandler extends SimpleChannelInboundHandler<ServerReply> {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceChannelHandler.class);
  private final SimulatedDevice device;

  DeviceChannelHandler(SimulatedDevice device) {
    this.device = device;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerReply reply) {
    if (reply instanceof ServerReply.LoginReply login) {
      device.onLoginReply(ctx.channel(), login);
    } else if (reply instanceof ServerReply.Ack ack) {
      device.onAck(ctx.channel(), ack.count());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      device.onWriterIdle(ctx.channel());
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("device {}: connection {} failed: {}", device.imei(), ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
