package io.fleetwire.simulator.device;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the front's byte stream into replies: the first byte of a connection is the login
 * answer, every 4 bytes after it an ack. One instance per connection.
 */
final class ServerReplyDecoder extends ByteToMessageDecoder {
  private boolean loginAnswered;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!loginAnswered) {
      if (!in.isReadable()) {
        return;
      }
      loginAnswered = true;
      out.add(new ServerReply.LoginReply(in.readUnsignedByte()));
    }
    while (in.readableBytes() >= 4) {
      out.add(new ServerReply.Ack(in.readUnsignedInt()));
    }
  }
}
