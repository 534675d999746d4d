package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.fleetwire.testsupport.HexFixture;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TeltonikaServerEncoderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new TeltonikaServerEncoder());

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  private byte[] written(ServerMessage message) {
    channel.writeOutbound(message);
    ByteBuf out = channel.readOutbound();
    try {
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  @Test
  void writesLoginAcceptanceAsOneByte() {
    assertArrayEquals(new byte[] {1}, written(new ServerMessage.LoginReply(true)));
  }

  @Test
  void writesRecordAckAsFourByteCount() {
    assertArrayEquals(new byte[] {0, 0, 0, 2}, written(new ServerMessage.RecordAck(2)));
  }

  @Test
  void writesCodec12CommandFrame() {
    assertArrayEquals(HexFixture.load("teltonika/codec12-command-getinfo.hex"),
        written(new ServerMessage.Command(DeviceResponse.CODEC_12, "getinfo", null)));
  }

  @Test
  void writesCodec14CommandFrame() {
    assertArrayEquals(HexFixture.load("teltonika/codec14-command-getver.hex"), written(
        new ServerMessage.Command(DeviceResponse.CODEC_14, "getver", "352093081452251")));
  }
}
