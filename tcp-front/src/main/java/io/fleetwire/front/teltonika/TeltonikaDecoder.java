package io.fleetwire.front.teltonika;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one complete device frame into a {@link DeviceMessage}. Pure: no I/O, no Netty, no
 * state, so tests, fuzzers and benchmarks call it directly.
 *
 * <p>Frames (Teltonika "Codec" documentation): a login is a 2-byte length and the IMEI as ASCII
 * digits; a data frame is the {@code 00000000} preamble, a 4-byte data length, the data (codec id,
 * first count, records or responses, second count) and a 4-byte CRC-16/IBM over the data; a
 * keep-alive is the single byte {@code FF}.
 *
 * <p>Input that is not a frame throws {@link MalformedFrameException}; a frame whose content is
 * wrong (CRC, counts, record layout, unknown codec) decodes to a {@link CorruptPacket} so the
 * session can ask for a resend.
 *
 * <p>A Codec 8 frame whose records do not fit the documented layout is read once more with a
 * 16-byte IO group after the 8-byte group: the CRC already proved the frame intact, so a layout
 * that accounts for every byte is the one the device used (some installs configure it).
 */
public final class TeltonikaDecoder {
  /** Longest IMEI a login may declare; real IMEIs have 15 digits. */
  public static final int MAX_IMEI_DIGITS = 20;
  /** Preamble, data length and CRC around the data. */
  public static final int DATA_FRAME_OVERHEAD = 12;
  /** Codec id, first count and second count: the least data a frame can carry. */
  public static final int MIN_DATA_LENGTH = 3;
  static final int KEEP_ALIVE_BYTE = 0xFF;

  private static final int DATA_OFFSET = 8;

  private TeltonikaDecoder() {
  }

  public static DeviceMessage decode(byte[] frame) {
    return decode(frame, 0, frame.length);
  }

  public static DeviceMessage decode(ByteBuffer frame) {
    if (frame.hasArray()) {
      return decode(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    }
    byte[] copy = new byte[frame.remaining()];
    frame.duplicate().get(copy);
    return decode(copy);
  }

  public static DeviceMessage decode(byte[] buf, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buf.length);
    if (length == 0) {
      throw new MalformedFrameException("empty", "a frame needs at least one byte");
    }
    if (length == 1 && (buf[offset] & 0xff) == KEEP_ALIVE_BYTE) {
      return KeepAlive.INSTANCE;
    }
    if (length < 2) {
      throw new MalformedFrameException("bad-preamble",
          "single byte 0x" + Integer.toHexString(buf[offset] & 0xff) + " is not a keep-alive");
    }
    if (u16(buf, offset) != 0) {
      return decodeLogin(buf, offset, length);
    }
    if (length < 4 || u16(buf, offset + 2) != 0) {
      throw new MalformedFrameException("bad-preamble", "data frames start with 00000000");
    }
    return decodeDataFrame(buf, offset, length);
  }

  private static ImeiLogin decodeLogin(byte[] buf, int offset, int length) {
    int declared = u16(buf, offset);
    if (declared > MAX_IMEI_DIGITS) {
      throw new MalformedFrameException("bad-login-length",
          "login declares " + declared + " IMEI bytes, at most " + MAX_IMEI_DIGITS + " allowed");
    }
    if (length != 2 + declared) {
      throw new MalformedFrameException("length-mismatch",
          "login declares " + declared + " IMEI bytes but carries " + (length - 2));
    }
    for (int i = offset + 2; i < offset + length; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        throw new MalformedFrameException("bad-imei",
            "login IMEI byte 0x" + Integer.toHexString(buf[i] & 0xff) + " is not an ASCII digit");
      }
    }
    return new ImeiLogin(new String(buf, offset + 2, declared, StandardCharsets.US_ASCII));
  }

  private static DeviceMessage decodeDataFrame(byte[] buf, int offset, int length) {
    if (length < DATA_FRAME_OVERHEAD + MIN_DATA_LENGTH) {
      throw new MalformedFrameException("bad-length",
          "data frame of " + length + " bytes is shorter than the minimum "
              + (DATA_FRAME_OVERHEAD + MIN_DATA_LENGTH));
    }
    long declared = u32(buf, offset + 4);
    if (declared != length - DATA_FRAME_OVERHEAD) {
      throw new MalformedFrameException("length-mismatch", "data length field says " + declared
          + " but the frame carries " + (length - DATA_FRAME_OVERHEAD) + " data bytes");
    }
    int dataStart = offset + DATA_OFFSET;
    int dataLength = (int) declared;
    long sent = u32(buf, dataStart + dataLength);
    int computed = Crc16.ibm(buf, dataStart, dataLength);
    if (sent != computed) {
      return new CorruptPacket("crc", String.format(
          "frame CRC 0x%08X, computed 0x%04X over %d data bytes", sent, computed, dataLength));
    }
    return decodeBody(buf, dataStart, dataLength, offset);
  }

  /**
   * Decodes the data of a frame, codec id through second count, without preamble, length or CRC:
   * the part a UDP datagram carries after its own header.
   */
  public static DeviceMessage decodeData(byte[] buf, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buf.length);
    if (length < MIN_DATA_LENGTH) {
      throw new MalformedFrameException("bad-length",
          "data of " + length + " bytes is shorter than the minimum " + MIN_DATA_LENGTH);
    }
    return decodeBody(buf, offset, length, offset);
  }

  private static DeviceMessage decodeBody(byte[] buf, int dataStart, int dataLength,
      int frameStart) {
    int secondCount = dataStart + dataLength - 1;
    int codec = buf[dataStart] & 0xff;
    int firstCount = buf[dataStart + 1] & 0xff;
    int lastCount = buf[secondCount] & 0xff;
    if (firstCount != lastCount) {
      return new CorruptPacket("count-mismatch",
          "first count " + firstCount + ", second count " + lastCount);
    }
    FrameCursor in = new FrameCursor(buf, frameStart, dataStart + 2, secondCount);
    try {
      switch (codec) {
        case AvlPacket.CODEC_8:
          return readCodec8(firstCount, in);
        case AvlPacket.CODEC_8E:
        case AvlPacket.CODEC_16:
          return readAvl(codec, false, firstCount, in);
        case DeviceResponse.CODEC_12:
        case DeviceResponse.CODEC_13:
        case DeviceResponse.CODEC_14:
        case DeviceResponse.CODEC_15:
          return CommandResponseReader.read(codec, firstCount, in);
        default:
          return new CorruptPacket("unknown-codec",
              String.format("codec id 0x%02X is not one of 08, 8E, 10, 0C, 0D, 0E, 0F", codec));
      }
    } catch (ContentException e) {
      return e.toCorruptPacket();
    }
  }

  private static AvlPacket readCodec8(int count, FrameCursor in) {
    int start = in.position();
    try {
      return readAvl(AvlPacket.CODEC_8, false, count, in);
    } catch (ContentException documented) {
      in.rewind(start);
      try {
        return readAvl(AvlPacket.CODEC_8, true, count, in);
      } catch (ContentException wide) {
        throw documented;
      }
    }
  }

  /** A packet may carry no records (a device with an empty buffer): valid, and acked with 0. */
  private static AvlPacket readAvl(int codec, boolean wideValues, int count, FrameCursor in) {
    List<AvlRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(AvlRecordReader.read(codec, wideValues, in));
    }
    if (in.remaining() != 0) {
      throw new ContentException("trailing-bytes", in.remaining() + " byte(s) after record "
          + count + " before the second count at frame offset " + (in.frameOffset() + in.remaining()));
    }
    return new AvlPacket(codec, records);
  }

  private static int u16(byte[] buf, int at) {
    return ((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff);
  }

  private static long u32(byte[] buf, int at) {
    return (((long) u16(buf, at)) << 16) | u16(buf, at + 2);
  }
}
