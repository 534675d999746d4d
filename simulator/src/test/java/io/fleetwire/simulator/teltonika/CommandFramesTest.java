package io.fleetwire.simulator.teltonika;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.simulator.teltonika.CommandFrames.ServerCommand;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

class CommandFramesTest {
  private static final String DOC_IMEI = "352093081452251";

  private static byte[] doc(String name) {
    return HexFormat.of().parseHex(DocExamples.hex(name));
  }

  @Test
  void readsTheDocumentedCodec12GetinfoCommand() {
    assertEquals(Optional.of(new ServerCommand(CommandFrames.CODEC_12, null, "getinfo")),
        CommandFrames.read(doc("codec12-command-getinfo")));
  }

  @Test
  void readsTheDocumentedCodec14GetverCommandWithItsImei() {
    assertEquals(Optional.of(new ServerCommand(CommandFrames.CODEC_14, DOC_IMEI, "getver")),
        CommandFrames.read(doc("codec14-command-getver")));
  }

  @Test
  void ignoresACommandFrameWithABadCrc() {
    byte[] frame = doc("codec12-command-getinfo");
    frame[frame.length - 1] ^= 0x01;

    assertEquals(Optional.empty(), CommandFrames.read(frame));
  }

  @Test
  void writesTheDocumentedCodec12GetinfoAnswerByteForByte() {
    String text = "INI:2019/7/22 7:22 RTC:2019/7/22 7:53 RST:2 ERR:1 SR:0 BR:0 CF:0 FG:0 FL:0 TU:0/0 UT:0 SMS:0"
        + " NOGPS:0:30 GPS:1 SAT:0 RS:3 RF:65 SF:1 MD:0";

    assertArrayEquals(doc("codec12-response-getinfo"), CommandFrames.codec12Answer(text));
  }

  @Test
  void writesTheDocumentedCodec14GetverAnswerByteForByte() {
    byte[] expected = doc("codec14-response-getver");
    // Payload = 8 BCD IMEI bytes after the 15-byte header, then text up to quantity and CRC.
    String text = new String(Arrays.copyOfRange(expected, 15 + 8, expected.length - 5), StandardCharsets.US_ASCII);

    assertEquals("Ver:03.18.14_04", text.substring(0, 15));
    assertArrayEquals(expected, CommandFrames.codec14Answer(CommandFrames.TYPE_RESPONSE, DOC_IMEI, text));
  }
}
