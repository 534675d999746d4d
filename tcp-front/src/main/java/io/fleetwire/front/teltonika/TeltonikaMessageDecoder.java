package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * One frame from {@link TeltonikaFrameDecoder} to one immutable {@link DeviceMessage}; the frame
 * buffer is released here, so no raw buffer reaches the session. Stateless and shared.
 */
@Sharable
public final class TeltonikaMessageDecoder extends MessageToMessageDecoder<ByteBuf> {

  public TeltonikaMessageDecoder() {
    super(ByteBuf.class);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
    try {
      out.add(decodeFrame(frame));
    } catch (MalformedFrameException e) {
      throw new TeltonikaFramingException(e.reason(), e.getMessage());
    }
  }

  private static DeviceMessage decodeFrame(ByteBuf frame) {
    if (frame.hasArray()) {
      return TeltonikaDecoder.decode(frame.array(), frame.arrayOffset() + frame.readerIndex(),
          frame.readableBytes());
    }
    return TeltonikaDecoder.decode(ByteBufUtil.getBytes(frame));
  }
}
