package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/** Placeholder: replaced by the codec branch. */
@Sharable
public class TeltonikaMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    throw new UnsupportedOperationException("placeholder message decoder");
  }
}
