package io.fleetwire.front.teltonika;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Reads the body of a Codec 12, 13, 14 or 15 frame (Teltonika "Codec 12/13/14" and "Codec 15"
 * documentation): quantity (1), type (1), payload size (4), payload. Codec 13 payloads start with
 * a 4-byte timestamp (seconds), Codec 14 payloads with the 8-byte BCD IMEI, Codec 15 payloads with
 * both; they are kept out of the text. Codec 13 type 0x05 is an older documentation value for the
 * same message as 0x06. Codec 12 type 0x0D is a camera frame.
 */
final class CommandResponseReader {
  static final int IMEI_BCD_BYTES = 8;
  private static final int TIMESTAMP_BYTES = 4;
  private static final HexFormat HEX = HexFormat.of();

  private CommandResponseReader() {
  }

  static DeviceMessage read(int codec, int quantity, FrameCursor in) {
    if (quantity != 1) {
      throw new ContentException("unsupported-quantity",
          "codec " + codec + " frame carries " + quantity + " messages, expected 1");
    }
    int type = in.u8();
    long size = in.u32();
    if (size > in.remaining()) {
      throw new ContentException("truncated-record", "message size " + size + " but only "
          + in.remaining() + " byte(s) left before the second quantity");
    }
    if (size < in.remaining()) {
      throw new ContentException("trailing-bytes", (in.remaining() - size)
          + " byte(s) between the message and the second quantity");
    }
    int length = (int) size;
    switch (codec) {
      case DeviceResponse.CODEC_12:
        if (type == CameraFrame.TYPE_CAMERA) {
          return camera(in, length);
        }
        requireType(codec, type, DeviceResponse.TYPE_COMMAND, DeviceResponse.TYPE_RESPONSE);
        return payload(codec, type, null, null, in, length);
      case DeviceResponse.CODEC_13: {
        requireType(codec, type, DeviceResponse.TYPE_COMMAND, DeviceResponse.TYPE_RESPONSE);
        requireSize(codec, length, TIMESTAMP_BYTES);
        Instant at = Instant.ofEpochSecond(in.u32());
        return payload(codec, type, null, at, in, length - TIMESTAMP_BYTES);
      }
      case DeviceResponse.CODEC_15: {
        requireSize(codec, length, TIMESTAMP_BYTES + IMEI_BCD_BYTES);
        Instant at = Instant.ofEpochSecond(in.u32());
        String imei = bcdImei(codec, in.buffer(), in.take(IMEI_BCD_BYTES));
        return payload(codec, type, imei, at, in, length - TIMESTAMP_BYTES - IMEI_BCD_BYTES);
      }
      default:
        return readCodec14(type, length, in);
    }
  }

  private static DeviceResponse readCodec14(int type, int length, FrameCursor in) {
    int codec = DeviceResponse.CODEC_14;
    if (type != DeviceResponse.TYPE_IMEI_MISMATCH) {
      requireType(codec, type, DeviceResponse.TYPE_COMMAND, DeviceResponse.TYPE_RESPONSE);
    }
    requireSize(codec, length, IMEI_BCD_BYTES);
    String imei = bcdImei(codec, in.buffer(), in.take(IMEI_BCD_BYTES));
    return payload(codec, type, imei, null, in, length - IMEI_BCD_BYTES);
  }

  /**
   * Part byte, then for a start: photo id (4), size (4); for data: id (4), offset (4), length (2),
   * bytes. A camera frame is never corrupt content: one shorter than its part's layout is kept as a
   * frame the server has nothing to answer.
   */
  private static CameraFrame camera(FrameCursor in, int length) {
    int from = in.take(length);
    byte[] buf = in.buffer();
    String hex = HEX.formatHex(buf, from, from + length);
    int part = length > 0 ? buf[from] & 0xff : -1;
    if (part == CameraFrame.PART_START && length >= 9) {
      return new CameraFrame(part, u32(buf, from + 1), u32(buf, from + 5), 0, 0, hex);
    }
    if (part == CameraFrame.PART_DATA && length >= 11) {
      int chunk = Math.min((buf[from + 9] & 0xff) << 8 | buf[from + 10] & 0xff, length - 11);
      return new CameraFrame(part, u32(buf, from + 1), 0, u32(buf, from + 5), chunk, hex);
    }
    return new CameraFrame(part, 0, 0, 0, 0, hex);
  }

  private static long u32(byte[] buf, int at) {
    return ((buf[at] & 0xffL) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
  }

  private static DeviceResponse payload(int codec, int type, String imei, Instant at, FrameCursor in, int length) {
    int from = in.take(length);
    byte[] buf = in.buffer();
    if (printable(buf, from, length)) {
      return new DeviceResponse(codec, type, imei, at, new String(buf, from, length, StandardCharsets.US_ASCII), null);
    }
    return new DeviceResponse(codec, type, imei, at, null, HEX.formatHex(buf, from, from + length));
  }

  /** Printable ASCII, tab, CR and LF: what RS232 and garmin text carries; anything else is binary. */
  private static boolean printable(byte[] buf, int from, int length) {
    for (int i = from; i < from + length; i++) {
      int b = buf[i];
      if ((b < 0x20 || b > 0x7e) && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** 8 bytes = 16 BCD nibbles: a leading 0, then the 15 IMEI digits. */
  private static String bcdImei(int codec, byte[] buf, int from) {
    char[] digits = new char[IMEI_BCD_BYTES * 2];
    for (int i = 0; i < IMEI_BCD_BYTES; i++) {
      int b = buf[from + i] & 0xff;
      digits[2 * i] = bcdDigit(codec, b >>> 4);
      digits[2 * i + 1] = bcdDigit(codec, b & 0x0f);
    }
    if (digits[0] != '0') {
      throw new ContentException("bad-imei", "Codec " + codec + " IMEI must start with a 0 nibble, got "
          + new String(digits));
    }
    return new String(digits, 1, digits.length - 1);
  }

  private static char bcdDigit(int codec, int nibble) {
    if (nibble > 9) {
      throw new ContentException("bad-imei", "Codec " + codec + " IMEI nibble 0x"
          + Integer.toHexString(nibble) + " is not a decimal digit");
    }
    return (char) ('0' + nibble);
  }

  private static void requireType(int codec, int type, int allowed, int alsoAllowed) {
    if (type != allowed && type != alsoAllowed) {
      throw new ContentException("unknown-type",
          "codec " + codec + " does not define type 0x" + Integer.toHexString(type));
    }
  }

  private static void requireSize(int codec, int size, int minimum) {
    if (size < minimum) {
      throw new ContentException("truncated-record",
          "codec " + codec + " payload of " + size + " byte(s) is shorter than " + minimum);
    }
  }
}
