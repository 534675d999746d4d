package io.fleetwire.front.teltonika;

import io.fleetwire.testsupport.AvlFrameWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds and doctors data frames for decoder tests. */
final class TestFrames {
  private TestFrames() {
  }

  /** Preamble, length and CRC around {@code data} (codec id .. second count). */
  static byte[] dataFrame(byte[] data) {
    ByteBuffer frame = ByteBuffer.allocate(data.length + 12);
    frame.putInt(0).putInt(data.length).put(data);
    frame.putInt(AvlFrameWriter.crc16(data, 0, data.length));
    return frame.array();
  }

  /** The frame's data (codec id .. second count), without preamble, length and CRC. */
  static byte[] data(byte[] frame) {
    return Arrays.copyOfRange(frame, 8, frame.length - 4);
  }

  /** The frame with {@code at} (an offset into its data) set to {@code value}, CRC recomputed. */
  static byte[] withDataByte(byte[] frame, int at, int value) {
    byte[] data = data(frame);
    data[at] = (byte) value;
    return dataFrame(data);
  }

  static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }
}
