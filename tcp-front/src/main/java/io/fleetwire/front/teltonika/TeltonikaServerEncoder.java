package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Placeholder: replaced by the codec branch. */
@Sharable
public class TeltonikaServerEncoder extends MessageToByteEncoder<ServerMessage> {

  @Override
  protected void encode(ChannelHandlerContext ctx, ServerMessage msg, ByteBuf out) {
    if (msg instanceof ServerMessage.LoginReply reply) {
      out.writeByte(reply.accepted() ? 1 : 0);
    } else if (msg instanceof ServerMessage.RecordAck ack) {
      out.writeInt(ack.count());
    } else {
      throw new UnsupportedOperationException("placeholder encoder");
    }
  }
}
