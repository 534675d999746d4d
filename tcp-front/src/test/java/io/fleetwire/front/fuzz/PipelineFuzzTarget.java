package io.fleetwire.front.fuzz;

import io.fleetwire.front.teltonika.DeviceMessage;
import io.fleetwire.front.teltonika.TeltonikaFrameDecoder;
import io.fleetwire.front.teltonika.TeltonikaFramingException;
import io.fleetwire.front.teltonika.TeltonikaMessageDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.SplittableRandom;

/**
 * Jazzer target for the Netty framing and message decoders: the input after its first byte is a
 * device stream, cut into chunks of random size (seeded by the first byte), written into an
 * {@link EmbeddedChannel} as a connection would deliver it. Invariants: only {@link DeviceMessage}s
 * come out; the only exception is {@link TeltonikaFramingException}, after which the connection
 * would close; no buffer larger than the frame bound plus one chunk, rounded up to a power of two
 * as Netty's cumulator does, is ever requested; every buffer is released at the end.
 */
public final class PipelineFuzzTarget {
  static final int MAX_FRAME_BYTES = 1024;
  private static final int MAX_CHUNK = 256;
  /** Netty's cumulator grows to the next power of two of what it must hold. */
  private static final int ALLOCATION_BOUND = 2 * (MAX_FRAME_BYTES + MAX_CHUNK);

  private PipelineFuzzTarget() {
  }

  public static void fuzzerTestOneInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    SplittableRandom chunks = new SplittableRandom(data[0]);
    CountingAllocator allocator = new CountingAllocator();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.config().setAllocator(allocator);
    channel.pipeline().addLast("framing", new TeltonikaFrameDecoder(MAX_FRAME_BYTES))
        .addLast("decoding", new TeltonikaMessageDecoder());
    try {
      for (int at = 1; at < data.length; ) {
        int length = Math.min(chunks.nextInt(1, MAX_CHUNK + 1), data.length - at);
        try {
          channel.writeInbound(allocator.track(Unpooled.copiedBuffer(data, at, length), 0));
        } catch (TeltonikaFramingException expected) {
          break;
        }
        at += length;
        drain(channel);
      }
      drain(channel);
    } finally {
      channel.finishAndReleaseAll();
    }
    if (allocator.largestRequest() > ALLOCATION_BOUND) {
      throw new FuzzFinding("allocated " + allocator.largestRequest() + " bytes, bound "
          + ALLOCATION_BOUND);
    }
    if (allocator.unreleased() > 0) {
      throw new FuzzFinding(allocator.unreleased() + " buffer(s) not released");
    }
  }

  private static void drain(EmbeddedChannel channel) {
    for (Object out = channel.readInbound(); out != null; out = channel.readInbound()) {
      if (!(out instanceof DeviceMessage)) {
        throw new FuzzFinding("pipeline emitted " + out.getClass().getName());
      }
    }
  }
}
