package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TeltonikaEncoderTest {

  @Test
  void encodesRecordAckAsFourByteBigEndianCount() {
    assertArrayEquals(new byte[] {0, 0, 1, 2}, TeltonikaEncoder.encode(
        new ServerMessage.RecordAck(258)));
  }

  @Test
  void encodesLoginReplies() {
    assertArrayEquals(new byte[] {1}, TeltonikaEncoder.encode(new ServerMessage.LoginReply(true)));
    assertArrayEquals(new byte[] {0},
        TeltonikaEncoder.encode(new ServerMessage.LoginReply(false)));
  }

  @Test
  void encodedCommandsDecodeBackToTheirText() {
    byte[] frame = TeltonikaEncoder.encode(new ServerMessage.Command(
        DeviceResponse.CODEC_14, "setdigout 1", "356307042441013"));

    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_14, DeviceResponse.TYPE_COMMAND,
        "356307042441013", "setdigout 1"), TeltonikaDecoder.decode(frame));
  }

  @Test
  void refusesCodec14CommandWithoutAFifteenDigitImei() {
    assertThrows(IllegalArgumentException.class, () -> TeltonikaEncoder.encode(
        new ServerMessage.Command(DeviceResponse.CODEC_14, "getver", "12345")));
    assertThrows(IllegalArgumentException.class, () -> TeltonikaEncoder.encode(
        new ServerMessage.Command(DeviceResponse.CODEC_14, "getver", null)));
  }

  @Test
  void refusesCommandInOtherCodecsOrWithNonAsciiText() {
    assertThrows(IllegalArgumentException.class, () -> TeltonikaEncoder.encode(
        new ServerMessage.Command(AvlPacket.CODEC_8, "getver", null)));
    assertThrows(IllegalArgumentException.class, () -> TeltonikaEncoder.encode(
        new ServerMessage.Command(DeviceResponse.CODEC_12, "grüß", null)));
  }

  @Test
  void refusesNegativeAck() {
    assertThrows(IllegalArgumentException.class, () -> TeltonikaEncoder.recordAck(-1));
  }
}
