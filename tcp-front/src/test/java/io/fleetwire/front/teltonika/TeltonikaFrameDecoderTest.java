package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetwire.testsupport.HexFixture;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing and message decoding together, as the server's pipeline runs them. */
class TeltonikaFrameDecoderTest {
  private static final int MAX_FRAME_BYTES = 1024;
  private static final byte[] LOGIN = HexFixture.load("teltonika/login-356307042441013.hex");
  private static final byte[] AVL = HexFixture.load("teltonika/codec8-2records.hex");
  private static final byte[] KEEP_ALIVE = {(byte) 0xFF};

  private final TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(MAX_FRAME_BYTES);
  private final EmbeddedChannel channel =
      new EmbeddedChannel(framing, new TeltonikaMessageDecoder());

  @AfterEach
  void releaseEverything() {
    channel.finishAndReleaseAll();
  }

  private void write(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  private TeltonikaFramingException failureOn(byte[] bytes) {
    return assertThrows(TeltonikaFramingException.class, () -> write(bytes));
  }

  @Test
  void splitsLoginDataAndKeepAliveArrivingInOneBuffer() {
    write(TestFrames.concat(LOGIN, AVL, KEEP_ALIVE, AVL));

    assertEquals(new ImeiLogin("356307042441013"), channel.readInbound());
    assertEquals(2, assertInstanceOf(AvlPacket.class, channel.readInbound()).records().size());
    assertSame(KeepAlive.INSTANCE, channel.readInbound());
    assertInstanceOf(AvlPacket.class, channel.readInbound());
    assertNull(channel.readInbound());
  }

  @Test
  void reassemblesAFrameArrivingOneByteAtATime() {
    for (int i = 0; i < AVL.length - 1; i++) {
      write(new byte[] {AVL[i]});
      assertNull(channel.readInbound());
    }
    write(new byte[] {AVL[AVL.length - 1]});

    assertInstanceOf(AvlPacket.class, channel.readInbound());
    assertEquals(0, framing.bufferedBytes());
  }

  @Test
  void decodesFramesFromDirectBuffers() {
    channel.writeInbound(Unpooled.directBuffer().writeBytes(AVL));

    assertInstanceOf(AvlPacket.class, channel.readInbound());
  }

  @Test
  void passesCorruptContentOnAsCorruptPacket() {
    byte[] badCrc = AVL.clone();
    badCrc[badCrc.length - 1] ^= 0x55;

    write(TestFrames.concat(badCrc, AVL));

    assertEquals("crc", assertInstanceOf(CorruptPacket.class, channel.readInbound()).reason());
    assertInstanceOf(AvlPacket.class, channel.readInbound());
  }

  @Test
  void rejectsBadPreambleAndDiscardsEverythingAfter() {
    assertEquals("bad-preamble",
        failureOn(HexFormat.of().parseHex("0000000100000036")).reason());

    write(AVL);

    assertNull(channel.readInbound());
    assertEquals(0, framing.bufferedBytes());
  }

  @Test
  void failsOnHeaderDeclaringTwoGigabytesWithoutWaitingForData() {
    assertEquals("oversized", failureOn(HexFormat.of().parseHex("0000000080000000")).reason());
    assertEquals(0, framing.bufferedBytes());
  }

  @Test
  void rejectsFrameJustOverTheBound() {
    int dataLength = MAX_FRAME_BYTES - 12 + 1;

    assertEquals("oversized", failureOn(new byte[] {0, 0, 0, 0, 0, 0,
        (byte) (dataLength >>> 8), (byte) dataLength}).reason());
  }

  @Test
  void rejectsDataLengthTooSmallForAnyPacket() {
    assertEquals("bad-length", failureOn(HexFormat.of().parseHex("0000000000000002")).reason());
  }

  @Test
  void rejectsLoginDeclaringMoreThanTwentyBytes() {
    assertEquals("bad-login-length", failureOn(new byte[] {0, 21}).reason());
  }

  @Test
  void rejectsLoginThatIsNotDigits() {
    byte[] login = TestFrames.concat(new byte[] {0, 3}, "12a".getBytes(StandardCharsets.US_ASCII));

    assertEquals("bad-imei", failureOn(login).reason());
  }

  @Test
  void refusesABoundTooSmallForAnyDataFrame() {
    assertThrows(IllegalArgumentException.class, () -> new TeltonikaFrameDecoder(14));
  }

  @Test
  void holdsAnIncompleteFrameWithoutEmittingAnything() {
    write(java.util.Arrays.copyOf(AVL, AVL.length - 1));

    assertNull(channel.readInbound());
    assertEquals(AVL.length - 1, framing.bufferedBytes());
    assertFalse(channel.finish());
  }
}
