package io.fleetwire.front.teltonika;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a device's byte stream into frames, each emitted as one {@link ByteBuf} for
 * {@link TeltonikaMessageDecoder}. The first bytes tell the kind: {@code FF} keep-alive, a 2-byte
 * non-zero login length, or the 4 zero bytes of a data frame's preamble. Lengths are checked as
 * soon as their header arrives, so nothing larger than {@code maxFrameBytes} is ever waited for.
 * After a framing error the rest of the stream is discarded. One instance per connection.
 */
public final class TeltonikaFrameDecoder extends ByteToMessageDecoder {
  private static final int DATA_HEADER = 8;

  private final int maxFrameBytes;
  private boolean failed;

  public TeltonikaFrameDecoder(int maxFrameBytes) {
    int smallest = TeltonikaDecoder.DATA_FRAME_OVERHEAD + TeltonikaDecoder.MIN_DATA_LENGTH;
    if (maxFrameBytes < smallest) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be at least " + smallest + ", got " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int readable = in.readableBytes();
    if (readable == 0) {
      return;
    }
    int start = in.readerIndex();
    if (in.getUnsignedByte(start) == TeltonikaDecoder.KEEP_ALIVE_BYTE) {
      out.add(in.readRetainedSlice(1));
      return;
    }
    if (readable < 2) {
      return;
    }
    int head = in.getUnsignedShort(start);
    if (head != 0) {
      if (head > TeltonikaDecoder.MAX_IMEI_DIGITS) {
        throw fail(in, "bad-login-length", "login declares " + head + " IMEI bytes, at most "
            + TeltonikaDecoder.MAX_IMEI_DIGITS + " allowed");
      }
      if (readable >= 2 + head) {
        out.add(in.readRetainedSlice(2 + head));
      }
      return;
    }
    if (readable < 4) {
      return;
    }
    if (in.getUnsignedShort(start + 2) != 0) {
      throw fail(in, "bad-preamble", String.format(
          "data frames start with 00000000, got %08X", in.getInt(start)));
    }
    if (readable < DATA_HEADER) {
      return;
    }
    long dataLength = in.getUnsignedInt(start + 4);
    if (dataLength < TeltonikaDecoder.MIN_DATA_LENGTH) {
      throw fail(in, "bad-length", "data length " + dataLength + " is below the minimum "
          + TeltonikaDecoder.MIN_DATA_LENGTH);
    }
    long frameBytes = dataLength + TeltonikaDecoder.DATA_FRAME_OVERHEAD;
    if (frameBytes > maxFrameBytes) {
      throw fail(in, "oversized", "frame of " + frameBytes + " bytes exceeds the limit of "
          + maxFrameBytes);
    }
    if (readable >= frameBytes) {
      out.add(in.readRetainedSlice((int) frameBytes));
    }
  }

  /**
   * True while the decoder holds the start of a frame whose rest has not arrived: what the
   * front's partial-frame deadline watches.
   */
  public boolean hasPartialFrame() {
    return !failed && actualReadableBytes() > 0;
  }

  /** Bytes held back waiting for the rest of a frame (tests check the bound). */
  int bufferedBytes() {
    return actualReadableBytes();
  }

  private TeltonikaFramingException fail(ByteBuf in, String reason, String detail) {
    failed = true;
    in.skipBytes(in.readableBytes());
    return new TeltonikaFramingException(reason, detail);
  }
}
