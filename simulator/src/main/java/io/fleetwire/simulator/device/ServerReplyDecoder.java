package io.fleetwire.simulator.device;

import io.fleetwire.simulator.teltonika.CommandFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Splits the front's byte stream into replies: the first byte of a connection is the login
 * answer; after it come 4-byte acks and Codec 12/14 command frames. Both can start with four zero
 * bytes (ack 0 / the preamble): a command is recognised by a plausible data length and a command
 * codec behind them. Four zero bytes with nothing after them are an ack 0 (the front writes a
 * command frame in one piece). One instance per connection.
 */
final class ServerReplyDecoder extends ByteToMessageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ServerReplyDecoder.class);
  /** Longest command frame data accepted; the server bounds command text far below this. */
  private static final int MAX_COMMAND_DATA = 4_096;
  private static final int HEADER = 8;
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
      int at = in.readerIndex();
      if (in.getInt(at) != 0 || in.readableBytes() == 4) {
        out.add(new ServerReply.Ack(in.readUnsignedInt()));
        continue;
      }
      if (in.readableBytes() <= HEADER) {
        return;
      }
      int length = in.getInt(at + 4);
      if (length < CommandFrames.MIN_DATA_LENGTH || length > MAX_COMMAND_DATA
          || !CommandFrames.isCommandCodec(in.getUnsignedByte(at + HEADER))) {
        out.add(new ServerReply.Ack(in.readUnsignedInt()));
        continue;
      }
      if (in.readableBytes() < HEADER + length + 4) {
        return;
      }
      byte[] frame = ByteBufUtil.getBytes(in, at, HEADER + length + 4);
      in.skipBytes(frame.length);
      CommandFrames.read(frame).ifPresentOrElse(command -> out.add(new ServerReply.Command(command)),
          () -> LOG.warn("ignoring a malformed command frame (bad CRC or layout): {}", ByteBufUtil.hexDump(frame)));
    }
  }
}
