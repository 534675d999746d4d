package io.fleetwire.testsupport;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * Test-side Teltonika AVL encoder for Codec 8 (0x08), 8 Extended (0x8E) and 16 (0x10), written
 * from the protocol documentation independently of the front's decoder, so round-trip tests and
 * benchmarks have frames of any shape.
 */
public final class AvlFrameWriter {
  public static final int CODEC_8 = 0x08;
  public static final int CODEC_8E = 0x8E;
  public static final int CODEC_16 = 0x10;
  private static final int[] VALUE_SIZES = {1, 2, 4, 8};

  /** One fixed-size IO element; {@code size} is 1, 2, 4 or 8 bytes. */
  public record Io(int id, int size, long value) {
  }

  /**
   * One record's fields as they go on the wire. Coordinates in 1e-7 degrees. {@code io} in the
   * order to write (grouped by size here); {@code variable} only for Codec 8E.
   */
  public record Sample(long timestampMillis, int priority, int longitudeE7, int latitudeE7,
      int altitude, int angle, int satellites, int speed, int eventId, int generationType,
      List<Io> io, Map<Integer, byte[]> variable) {
  }

  private AvlFrameWriter() {
  }

  /** The record's bytes: timestamp through the end of its IO element. */
  public static byte[] record(int codec, Sample s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    put(out, s.timestampMillis(), 8);
    put(out, s.priority(), 1);
    put(out, s.longitudeE7(), 4);
    put(out, s.latitudeE7(), 4);
    put(out, s.altitude(), 2);
    put(out, s.angle(), 2);
    put(out, s.satellites(), 1);
    put(out, s.speed(), 2);
    int idWidth = codec == CODEC_8 ? 1 : 2;
    int countWidth = codec == CODEC_8E ? 2 : 1;
    put(out, s.eventId(), idWidth);
    if (codec == CODEC_16) {
      put(out, s.generationType(), 1);
    }
    int total = s.io().size() + (codec == CODEC_8E ? s.variable().size() : 0);
    put(out, total, countWidth);
    for (int size : VALUE_SIZES) {
      List<Io> group = s.io().stream().filter(io -> io.size() == size).toList();
      put(out, group.size(), countWidth);
      for (Io io : group) {
        put(out, io.id(), idWidth);
        put(out, io.value(), size);
      }
    }
    if (codec == CODEC_8E) {
      put(out, s.variable().size(), 2);
      for (Map.Entry<Integer, byte[]> e : s.variable().entrySet()) {
        put(out, e.getKey(), 2);
        put(out, e.getValue().length, 2);
        out.writeBytes(e.getValue());
      }
    }
    return out.toByteArray();
  }

  public static byte[] frame(int codec, List<Sample> samples) {
    return frameOfRecords(codec, samples.stream().map(s -> record(codec, s)).toList());
  }

  /** Preamble, data length, codec, count, the records, count, CRC. */
  public static byte[] frameOfRecords(int codec, List<byte[]> records) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(codec);
    data.write(records.size());
    records.forEach(data::writeBytes);
    data.write(records.size());
    byte[] body = data.toByteArray();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    put(frame, 0, 4);
    put(frame, body.length, 4);
    frame.writeBytes(body);
    put(frame, crc16(body, 0, body.length), 4);
    return frame.toByteArray();
  }

  /** CRC-16/IBM, bit by bit: polynomial 0xA001 (reflected), initial value 0. */
  public static int crc16(byte[] data, int offset, int length) {
    int crc = 0;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xff;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  private static void put(ByteArrayOutputStream out, long value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }
}
