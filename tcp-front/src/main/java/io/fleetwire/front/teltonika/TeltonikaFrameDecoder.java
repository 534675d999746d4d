package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/** Placeholder: replaced by the codec branch. */
public class TeltonikaFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameBytes;

  public TeltonikaFrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() > maxFrameBytes) {
      throw new TeltonikaFramingException("oversized_length", "placeholder frame bound exceeded");
    }
  }
}
