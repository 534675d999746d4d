package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link ServerMessage}s as {@link TeltonikaEncoder} lays them out. Stateless and shared. */
@Sharable
public final class TeltonikaServerEncoder extends MessageToByteEncoder<ServerMessage> {

  public TeltonikaServerEncoder() {
    super(ServerMessage.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, ServerMessage message, ByteBuf out) {
    out.writeBytes(TeltonikaEncoder.encode(message));
  }
}
