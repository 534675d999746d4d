package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.testsupport.LeakGuard;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Hostile streams through framing and message decoding: whatever arrives, the pipeline emits only
 * {@link DeviceMessage}s or raises only {@link TeltonikaFramingException}, and never holds more
 * than the frame bound.
 */
class TeltonikaPipelineFuzzTest {
  private static final int MAX_FRAME_BYTES = 512;

  @AfterContainer
  static void noBufferLeaked() {
    LeakGuard.global().assertNoLeaks();
  }

  @Property(tries = 150)
  void randomBytesYieldOnlyDeviceMessagesOrFramingErrors(
      @ForAll @Size(max = 600) byte[] stream, @ForAll @IntRange(min = 1, max = 128) int chunk,
      @ForAll boolean direct) {
    feed(stream, chunk, direct);
  }

  @Property(tries = 150)
  void mutatedFramesYieldOnlyDeviceMessagesOrFramingErrors(@ForAll("avlFrames") byte[] frame,
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 10_000) Integer> positions,
      @ForAll byte value, @ForAll @IntRange(min = 1, max = 128) int chunk) {
    byte[] mutated = frame.clone();
    for (int position : positions) {
      mutated[position % mutated.length] ^= (byte) (value | 1);
    }
    feed(TestFrames.concat(mutated, frame), chunk, false);
  }

  @Property(tries = 100)
  void truncatedFramesAreHeldBackAndNeverEmitted(@ForAll("avlFrames") byte[] frame,
      @ForAll @IntRange(min = 1, max = 10_000) int cut) {
    byte[] truncated = Arrays.copyOf(frame, cut % frame.length);
    TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(64 * 1024);
    EmbeddedChannel channel = new EmbeddedChannel(framing, new TeltonikaMessageDecoder());
    try {
      channel.writeInbound(Unpooled.wrappedBuffer(truncated));

      assertNull(channel.readInbound());
      assertEquals(truncated.length, framing.bufferedBytes());
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  @Property(tries = 50)
  void validFramesSplitAnywhereDecodeToPackets(@ForAll("avlFrames") byte[] frame,
      @ForAll @IntRange(min = 1, max = 128) int chunk) {
    TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(64 * 1024);
    EmbeddedChannel channel = new EmbeddedChannel(framing, new TeltonikaMessageDecoder());
    try {
      for (int at = 0; at < frame.length; at += chunk) {
        channel.writeInbound(Unpooled.wrappedBuffer(frame, at, Math.min(chunk, frame.length - at)));
      }

      assertInstanceOf(AvlPacket.class, channel.readInbound());
      assertNull(channel.readInbound());
    } finally {
      channel.finishAndReleaseAll();
    }
  }

  @Provide
  Arbitrary<byte[]> avlFrames() {
    return AvlSamples.avlFrames();
  }

  private static void feed(byte[] stream, int chunk, boolean direct) {
    TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(MAX_FRAME_BYTES);
    EmbeddedChannel channel = new EmbeddedChannel(framing, new TeltonikaMessageDecoder());
    List<Object> emitted = new ArrayList<>();
    try {
      for (int at = 0; at < stream.length; at += chunk) {
        int length = Math.min(chunk, stream.length - at);
        ByteBuf buf = direct ? Unpooled.directBuffer(length).writeBytes(stream, at, length)
            : Unpooled.wrappedBuffer(stream, at, length);
        try {
          channel.writeInbound(buf);
        } catch (RuntimeException e) {
          assertInstanceOf(TeltonikaFramingException.class, e);
        }
        assertTrue(framing.bufferedBytes() < MAX_FRAME_BYTES,
            "holds " + framing.bufferedBytes() + " bytes, bound " + MAX_FRAME_BYTES);
        for (Object message = channel.readInbound(); message != null;
            message = channel.readInbound()) {
          emitted.add(message);
        }
      }
      for (Object message : emitted) {
        assertInstanceOf(DeviceMessage.class, message);
      }
    } finally {
      channel.finishAndReleaseAll();
    }
  }
}
