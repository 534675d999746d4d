package io.fleetwire.simulator.device;

import io.fleetwire.simulator.commands.CommandResponder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands one connection's replies and idle events to its device. One instance per connection. */
final class DeviceChannelHandler extends SimpleChannelInboundHandler<ServerReply> {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceChannelHandler.class);
  private final SimulatedDevice device;
  private final CommandResponder responder;

  DeviceChannelHandler(SimulatedDevice device, CommandResponder responder) {
    this.device = device;
    this.responder = responder;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ServerReply reply) {
    if (reply instanceof ServerReply.LoginReply login) {
      device.onLoginReply(ctx.channel(), login);
    } else if (reply instanceof ServerReply.Ack ack) {
      device.onAck(ctx.channel(), ack.count());
    } else if (reply instanceof ServerReply.Command command) {
      // Answers are never acked, so they do not touch the device's frame-in-flight state.
      LOG.info("device {}: command '{}' (codec {})", device.imei(), command.command().text(), command.command().codec());
      responder.answer(command.command()).ifPresent(answer -> ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)));
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
