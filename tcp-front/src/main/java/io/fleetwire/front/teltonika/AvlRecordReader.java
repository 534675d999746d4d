package io.fleetwire.front.teltonika;

import io.fleetwire.contract.RecordId;

import java.time.Instant;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads AVL records in Codec 8, 8 Extended and 16 (Teltonika "Codec" documentation, "AVL Data"):
 * timestamp (8), priority (1), GPS element (15), then the IO element whose id and count widths
 * depend on the codec. {@code wideValues}: after the 8-byte group comes a group of 16-byte values
 * (count, then id and 16 bytes each), which some installs configure Codec 8 devices to send; those
 * values are kept as hex beside the variable-length ones.
 */
final class AvlRecordReader {
  private static final HexFormat HEX = HexFormat.of();
  private static final int[] VALUE_SIZES = {1, 2, 4, 8};
  private static final int WIDE_VALUE_BYTES = 16;
  private static final double COORDINATE_SCALE = 10_000_000d;

  private AvlRecordReader() {
  }

  static AvlRecord read(int codec, boolean wideValues, FrameCursor in) {
    int start = in.position();
    long timestamp = in.s64();
    int priority = in.u8();
    // Coordinates are two's complement: west and south are negative (Codec docs, "GPS element").
    double longitude = in.s32() / COORDINATE_SCALE;
    double latitude = in.s32() / COORDINATE_SCALE;
    int altitude = in.s16();
    int angle = in.u16();
    int satellites = in.u8();
    int speed = in.u16();

    int eventId;
    int total;
    Integer generationType = null;
    boolean wideIds = codec != AvlPacket.CODEC_8;
    boolean wideCounts = codec == AvlPacket.CODEC_8E;
    if (codec == AvlPacket.CODEC_16) {
      eventId = in.u16();
      generationType = in.u8();
      total = in.u8();
    } else if (wideCounts) {
      eventId = in.u16();
      total = in.u16();
    } else {
      eventId = in.u8();
      total = in.u8();
    }

    // The total is only a sizing hint, capped by what the remaining bytes could hold: the group
    // counts that follow are what the CRC-protected layout is read by.
    IoValues.Builder io = new IoValues.Builder(Math.min(total, in.remaining() / 2));
    for (int size : VALUE_SIZES) {
      int count = wideCounts ? in.u16() : in.u8();
      for (int i = 0; i < count; i++) {
        int id = wideIds ? in.u16() : in.u8();
        io.put(id, readValue(in, size));
      }
    }

    SortedMap<Integer, String> ioVariable = null;
    if (wideValues) {
      int count = wideCounts ? in.u16() : in.u8();
      for (int i = 0; i < count; i++) {
        int id = wideIds ? in.u16() : in.u8();
        int from = in.take(WIDE_VALUE_BYTES);
        if (ioVariable == null) {
          ioVariable = new TreeMap<>();
        }
        ioVariable.put(id, HEX.formatHex(in.buffer(), from, from + WIDE_VALUE_BYTES));
      }
    }
    if (wideCounts) {
      int count = in.u16();
      if (count > 0) {
        ioVariable = ioVariable == null ? new TreeMap<>() : ioVariable;
        for (int i = 0; i < count; i++) {
          int id = in.u16();
          int length = in.u16();
          int from = in.take(length);
          ioVariable.put(id, HEX.formatHex(in.buffer(), from, from + length));
        }
      }
    }

    long fingerprint = RecordId.fingerprint(in.buffer(), start, in.position() - start);
    return new AvlRecord(Instant.ofEpochMilli(timestamp), priority, longitude, latitude, altitude,
        angle, satellites, speed, eventId, generationType, io.build(), ioVariable, fingerprint);
  }

  /** IO values stay unsigned as sent; the IO dictionary knows which ids are signed. */
  private static long readValue(FrameCursor in, int size) {
    switch (size) {
      case 1:
        return in.u8();
      case 2:
        return in.u16();
      case 4:
        return in.u32();
      default:
        return in.s64();
    }
  }
}
