package io.fleetwire.simulator.teltonika;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the device side of the Teltonika TCP protocol: the IMEI login and AVL data packets in
 * Codec 8, 8 Extended and 16. This is the simulator's own implementation, independent of the
 * front's decoder, so that each can be tested against the other.
 */
public final class AvlEncoder {
  private static final int[] SIZES = {1, 2, 4, 8};
  private static final int GPS_ELEMENT_BYTES = 15;
  /** Preamble (4), data length (4), codec id, N1, N2, CRC (4). */
  private static final int FRAME_OVERHEAD = 4 + 4 + 1 + 1 + 1 + 4;

  private AvlEncoder() {
  }

  /** The login frame: 2-byte length, then the IMEI as ASCII digits. */
  public static byte[] login(String imei) {
    byte[] digits = imei.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + digits.length).putShort((short) digits.length).put(digits).array();
  }

  /**
   * One record's bytes, from the first byte of its timestamp through the last byte of its IO
   * section (for 8E including the NX group): exactly the span the record id is computed over.
   */
  public static byte[] record(Codec codec, TrackerRecord record) {
    check(codec, record);
    ByteBuffer out = ByteBuffer.allocate(recordLength(codec, record));
    out.putLong(record.timestampMillis());
    out.put((byte) record.priority());
    out.putInt(record.longitude());
    out.putInt(record.latitude());
    out.putShort((short) record.altitude());
    out.putShort((short) record.angle());
    out.put((byte) record.satellites());
    out.putShort((short) record.speed());
    switch (codec) {
      case CODEC_8 -> {
        out.put((byte) record.eventId());
        out.put((byte) record.io().size());
        for (int size : SIZES) {
          out.put((byte) count(record, size));
          for (IoValue value : record.io()) {
            if (value.bytes() == size) {
              out.put((byte) value.id());
              putValue(out, value);
            }
          }
        }
      }
      case CODEC_8E -> {
        out.putShort((short) record.eventId());
        out.putShort((short) (record.io().size() + record.variableIo().size()));
        for (int size : SIZES) {
          out.putShort((short) count(record, size));
          for (IoValue value : record.io()) {
            if (value.bytes() == size) {
              out.putShort((short) value.id());
              putValue(out, value);
            }
          }
        }
        out.putShort((short) record.variableIo().size());
        for (VariableIo value : record.variableIo()) {
          out.putShort((short) value.id());
          byte[] bytes = value.value();
          out.putShort((short) bytes.length);
          out.put(bytes);
        }
      }
      case CODEC_16 -> {
        out.putShort((short) record.eventId());
        out.put((byte) record.generationType());
        out.put((byte) record.io().size());
        for (int size : SIZES) {
          out.put((byte) count(record, size));
          for (IoValue value : record.io()) {
            if (value.bytes() == size) {
              out.putShort((short) value.id());
              putValue(out, value);
            }
          }
        }
      }
    }
    return out.array();
  }

  /** An AVL data packet around already encoded records (see {@link #record}). */
  public static byte[] frame(Codec codec, List<byte[]> records) {
    if (records.isEmpty() || records.size() > 255) {
      throw new IllegalArgumentException("a frame holds 1..255 records, got " + records.size());
    }
    int recordBytes = 0;
    for (byte[] record : records) {
      recordBytes += record.length;
    }
    ByteBuffer out = ByteBuffer.allocate(FRAME_OVERHEAD + recordBytes);
    out.putInt(0);
    out.putInt(recordBytes + 3);
    out.put((byte) codec.id());
    out.put((byte) records.size());
    for (byte[] record : records) {
      out.put(record);
    }
    out.put((byte) records.size());
    out.putInt(Crc16Ibm.of(out.array(), 8, recordBytes + 3));
    return out.array();
  }

  /** An AVL data packet of records encoded for the same codec. */
  public static byte[] frameOf(Codec codec, List<EncodedRecord> records) {
    List<byte[]> wires = new ArrayList<>(records.size());
    for (EncodedRecord record : records) {
      wires.add(record.wire());
    }
    return frame(codec, wires);
  }

  private static int recordLength(Codec codec, TrackerRecord record) {
    int idBytes = codec == Codec.CODEC_8 ? 1 : 2;
    int valueBytes = record.io().stream().mapToInt(v -> idBytes + v.bytes()).sum();
    int header = switch (codec) {
      case CODEC_8 -> 1 + 1 + 4;
      case CODEC_8E -> 2 + 2 + 4 * 2 + 2;
      case CODEC_16 -> 2 + 1 + 1 + 4;
    };
    int variable = record.variableIo().stream().mapToInt(v -> 4 + v.value().length).sum();
    return 8 + 1 + GPS_ELEMENT_BYTES + header + valueBytes + variable;
  }

  private static void check(Codec codec, TrackerRecord record) {
    int maxId = codec == Codec.CODEC_8 ? 0xFF : 0xFFFF;
    int maxCount = codec == Codec.CODEC_8E ? 0xFFFF : 0xFF;
    if (record.eventId() < 0 || record.eventId() > maxId) {
      throw new IllegalArgumentException(codec + ": event id " + record.eventId() + " out of range");
    }
    for (IoValue value : record.io()) {
      if (value.id() < 0 || value.id() > maxId) {
        throw new IllegalArgumentException(codec + ": IO id " + value.id() + " out of range");
      }
    }
    if (record.io().size() + record.variableIo().size() > maxCount) {
      throw new IllegalArgumentException(codec + ": too many IO elements: " + record.io().size());
    }
    if (codec != Codec.CODEC_8E && !record.variableIo().isEmpty()) {
      throw new IllegalArgumentException(codec + " has no variable-length IO group");
    }
  }

  private static int count(TrackerRecord record, int size) {
    int count = 0;
    for (IoValue value : record.io()) {
      count += value.bytes() == size ? 1 : 0;
    }
    return count;
  }

  private static void putValue(ByteBuffer out, IoValue value) {
    switch (value.bytes()) {
      case 1 -> out.put((byte) value.raw());
      case 2 -> out.putShort((short) value.raw());
      case 4 -> out.putInt((int) value.raw());
      default -> out.putLong(value.raw());
    }
  }
}
