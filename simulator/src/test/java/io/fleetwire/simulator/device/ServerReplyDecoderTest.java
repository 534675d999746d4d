package io.fleetwire.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetwire.simulator.teltonika.CommandFrames;
import io.fleetwire.simulator.teltonika.CommandFrames.ServerCommand;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

class ServerReplyDecoderTest {
  private static final byte[] GETINFO = HexFormat.of().parseHex("000000000000000F0C010500000007676574696E666F0100004312");
  private final EmbeddedChannel channel = new EmbeddedChannel(new ServerReplyDecoder());

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  private void receive(byte[]... parts) {
    for (byte[] part : parts) {
      channel.writeInbound(Unpooled.wrappedBuffer(part));
    }
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void loginAnswerThenAcksIncludingAckZero() {
    receive(bytes(1, 0, 0, 0, 2), bytes(0, 0, 0, 0));

    assertEquals(new ServerReply.LoginReply(1), channel.readInbound());
    assertEquals(new ServerReply.Ack(2), channel.readInbound());
    assertEquals(new ServerReply.Ack(0), channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void commandFrameAfterAnAckIsReadAsACommand() {
    receive(bytes(1), bytes(0, 0, 0, 1), GETINFO);

    assertEquals(new ServerReply.LoginReply(1), channel.readInbound());
    assertEquals(new ServerReply.Ack(1), channel.readInbound());
    assertEquals(new ServerReply.Command(new ServerCommand(CommandFrames.CODEC_12, null, "getinfo")),
        channel.readInbound());
  }

  @Test
  void ackZeroFollowedByACommandInOneReadIsBoth() {
    byte[] both = new byte[4 + GETINFO.length];
    System.arraycopy(GETINFO, 0, both, 4, GETINFO.length);
    receive(bytes(1), both);

    assertEquals(new ServerReply.LoginReply(1), channel.readInbound());
    assertEquals(new ServerReply.Ack(0), channel.readInbound());
    assertEquals(new ServerReply.Command(new ServerCommand(CommandFrames.CODEC_12, null, "getinfo")),
        channel.readInbound());
  }

  @Test
  void commandFrameSplitAcrossReadsIsReassembled() {
    receive(bytes(1), Arrays.copyOfRange(GETINFO, 0, 10),
        Arrays.copyOfRange(GETINFO, 10, GETINFO.length));

    assertEquals(new ServerReply.LoginReply(1), channel.readInbound());
    assertEquals(new ServerReply.Command(new ServerCommand(CommandFrames.CODEC_12, null, "getinfo")),
        channel.readInbound());
    assertNull(channel.readInbound());
  }
}
