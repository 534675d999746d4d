package io.fleetwire.simulator.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.simulator.teltonika.CommandFrames;
import io.fleetwire.simulator.teltonika.CommandFrames.ServerCommand;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

class CommandResponderTest {
  private static final String IMEI = "352093081452251";
  private final CommandResponder responder =
      new CommandResponder(IMEI, Clock.fixed(Instant.parse("2026-11-26T05:30:00Z"), ZoneOffset.UTC));

  private static String codec12Text(byte[] frame) {
    assertEquals(CommandFrames.CODEC_12, frame[8]);
    assertEquals(CommandFrames.TYPE_RESPONSE, frame[10]);
    return new String(Arrays.copyOfRange(frame, 15, frame.length - 5), StandardCharsets.US_ASCII);
  }

  private String answer12(String text) {
    return codec12Text(responder.answer(new ServerCommand(CommandFrames.CODEC_12, null, text)).orElseThrow());
  }

  @Test
  void getinfoAnswersWithTheDeviceStatusLine() {
    String text = answer12("getinfo");

    assertTrue(text.startsWith("INI:2026/11/26 5:30 RTC:2026/11/26 5:30 RST:0"), text);
    assertTrue(text.contains("GPS:3 SAT:11"), text);
  }

  @Test
  void getverNamesTheFirmwareAndTheImei() {
    String text = answer12("getver");

    assertTrue(text.startsWith("Ver:"), text);
    assertTrue(text.contains("IMEI:" + IMEI), text);
  }

  @Test
  void setdigoutSwitchesTheOutputsAndGetioShowsThem() {
    assertEquals("DOUT1:1 Timeout:INFINITY DOUT2:0 Timeout:INFINITY", answer12("setdigout 10"));
    assertEquals("DOUT1:1 Timeout:INFINITY DOUT2:1 Timeout:INFINITY", answer12("setdigout ?1"));
    assertTrue(answer12("getio").endsWith("DO1:1 DO2:1"));
    assertEquals("Param ID:setdigout Invalid arguments", answer12("setdigout 2"));
  }

  @Test
  void codec14WithItsOwnImeiIsAnsweredWithType06AndTheImei() {
    byte[] frame = responder.answer(new ServerCommand(CommandFrames.CODEC_14, IMEI, "getver")).orElseThrow();

    assertEquals(CommandFrames.CODEC_14, frame[8]);
    assertEquals(CommandFrames.TYPE_RESPONSE, frame[10]);
    assertEquals(0x03, frame[15]);
    assertEquals(0x52, frame[16]);
  }

  @Test
  void codec14ForAnotherImeiIsAnsweredWithImeiMismatch() {
    byte[] frame = responder.answer(new ServerCommand(CommandFrames.CODEC_14, "356307042441013", "getver"))
        .orElseThrow();

    assertEquals(CommandFrames.CODEC_14, frame[8]);
    assertEquals(CommandFrames.TYPE_IMEI_MISMATCH, frame[10]);
  }

  @Test
  void unknownCommandGetsNoAnswer() {
    assertEquals(Optional.empty(), responder.answer(new ServerCommand(CommandFrames.CODEC_12, null, "cpureset")));
  }
}
