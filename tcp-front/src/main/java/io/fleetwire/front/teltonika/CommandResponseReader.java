package io.fleetwire.front.teltonika;

import java.nio.charset.StandardCharsets;

/**
 * Reads the body of a Codec 12, 13 or 14 frame (Teltonika "Codec 12/13/14" documentation): command
 * quantity (1), type (1), payload size (4), payload. Codec 13 payloads start with a 4-byte
 * timestamp and Codec 14 payloads with the 8-byte BCD IMEI; both are kept out of {@code text}.
 */
final class CommandResponseReader {
  static final int IMEI_BCD_BYTES = 8;
  private static final int TIMESTAMP_BYTES = 4;

  private CommandResponseReader() {
  }

  static DeviceResponse read(int codec, int quantity, FrameCursor in) {
    if (quantity != 1) {
      throw new ContentException("unsupported-quantity",
          "codec " + codec + " frame carries " + quantity + " responses, expected 1");
    }
    int type = in.u8();
    long size = in.u32();
    if (size > in.remaining()) {
      throw new ContentException("truncated-record", "response size " + size + " but only "
          + in.remaining() + " byte(s) left before the second quantity");
    }
    if (size < in.remaining()) {
      throw new ContentException("trailing-bytes", (in.remaining() - size)
          + " byte(s) between the response and the second quantity");
    }
    int length = (int) size;
    switch (codec) {
      case DeviceResponse.CODEC_12:
        requireType(codec, type, DeviceResponse.TYPE_COMMAND, DeviceResponse.TYPE_RESPONSE);
        return new DeviceResponse(codec, type, null, ascii(in, length));
      case DeviceResponse.CODEC_13:
        requireType(codec, type, DeviceResponse.TYPE_RESPONSE, DeviceResponse.TYPE_RESPONSE);
        requireSize(codec, length, TIMESTAMP_BYTES);
        in.take(TIMESTAMP_BYTES);
        return new DeviceResponse(codec, type, null, ascii(in, length - TIMESTAMP_BYTES));
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
    String imei = bcdImei(in.buffer(), in.take(IMEI_BCD_BYTES));
    return new DeviceResponse(codec, type, imei, ascii(in, length - IMEI_BCD_BYTES));
  }

  /** 8 bytes = 16 BCD nibbles: a leading 0, then the 15 IMEI digits. */
  private static String bcdImei(byte[] buf, int from) {
    char[] digits = new char[IMEI_BCD_BYTES * 2];
    for (int i = 0; i < IMEI_BCD_BYTES; i++) {
      int b = buf[from + i] & 0xff;
      digits[2 * i] = bcdDigit(b >>> 4);
      digits[2 * i + 1] = bcdDigit(b & 0x0f);
    }
    if (digits[0] != '0') {
      throw new ContentException("bad-imei", "Codec 14 IMEI must start with a 0 nibble, got "
          + new String(digits));
    }
    return new String(digits, 1, digits.length - 1);
  }

  private static char bcdDigit(int nibble) {
    if (nibble > 9) {
      throw new ContentException("bad-imei", "Codec 14 IMEI nibble 0x"
          + Integer.toHexString(nibble) + " is not a decimal digit");
    }
    return (char) ('0' + nibble);
  }

  private static String ascii(FrameCursor in, int length) {
    int from = in.take(length);
    return new String(in.buffer(), from, length, StandardCharsets.US_ASCII);
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
