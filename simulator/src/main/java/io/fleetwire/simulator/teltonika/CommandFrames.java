package io.fleetwire.simulator.teltonika;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The device side of Teltonika Codec 12 and 14: reads a server command frame and writes the
 * device's answer. Frame: {@code 00000000} preamble, 4-byte data length, codec, quantity 1, type,
 * 4-byte payload size, payload, quantity 1, 4-byte CRC-16/IBM over codec..quantity. Codec 14
 * payloads start with the IMEI as 8 BCD bytes (a 0 nibble, then the 15 digits).
 */
public final class CommandFrames {
  public static final int CODEC_12 = 0x0C;
  public static final int CODEC_14 = 0x0E;
  public static final int TYPE_COMMAND = 0x05;
  public static final int TYPE_RESPONSE = 0x06;
  public static final int TYPE_IMEI_MISMATCH = 0x11;
  /** Data length of a command with an empty payload: codec, quantity, type, size (4), quantity. */
  public static final int MIN_DATA_LENGTH = 8;
  private static final int IMEI_BCD_BYTES = 8;

  /** A command as the server sent it; {@code imei} only for Codec 14. */
  public record ServerCommand(int codec, String imei, String text) {
  }

  private CommandFrames() {
  }

  /** True when {@code codec} is one a server sends commands in. */
  public static boolean isCommandCodec(int codec) {
    return codec == CODEC_12 || codec == CODEC_14;
  }

  /**
   * Reads one whole command frame.
   *
   * @return the command, or empty when the frame is not a well-formed Codec 12/14 command or
   *     its CRC does not match (a device ignores such a frame)
   */
  public static Optional<ServerCommand> read(byte[] frame) {
    if (frame.length < 12 + MIN_DATA_LENGTH) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(frame);
    int preamble = in.getInt();
    int length = in.getInt();
    if (preamble != 0 || length != frame.length - 12
        || Crc16Ibm.of(frame, 8, length) != ByteBuffer.wrap(frame, 8 + length, 4).getInt()) {
      return Optional.empty();
    }
    int codec = in.get() & 0xff;
    int quantity = in.get() & 0xff;
    int type = in.get() & 0xff;
    int size = in.getInt();
    if (!isCommandCodec(codec) || quantity != 1 || type != TYPE_COMMAND || size != length - MIN_DATA_LENGTH
        || (codec == CODEC_14 && size < IMEI_BCD_BYTES)) {
      return Optional.empty();
    }
    String imei = null;
    if (codec == CODEC_14) {
      byte[] bcd = new byte[IMEI_BCD_BYTES];
      in.get(bcd);
      imei = bcdImei(bcd);
      size -= IMEI_BCD_BYTES;
    }
    byte[] text = new byte[size];
    in.get(text);
    return Optional.of(new ServerCommand(codec, imei, new String(text, StandardCharsets.US_ASCII)));
  }

  /** A Codec 12 answer: type 06 and the text. */
  public static byte[] codec12Answer(String text) {
    return frame(CODEC_12, TYPE_RESPONSE, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** A Codec 14 answer: {@code type} 06 (executed) or 11 (IMEI mismatch), the IMEI, then the text. */
  public static byte[] codec14Answer(int type, String imei, String text) {
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer payload = ByteBuffer.allocate(IMEI_BCD_BYTES + ascii.length);
    String nibbles = "0" + imei;
    for (int i = 0; i < IMEI_BCD_BYTES; i++) {
      payload.put((byte) (((nibbles.charAt(2 * i) - '0') << 4) | (nibbles.charAt(2 * i + 1) - '0')));
    }
    payload.put(ascii);
    return frame(CODEC_14, type, payload.array());
  }

  private static byte[] frame(int codec, int type, byte[] payload) {
    int length = MIN_DATA_LENGTH + payload.length;
    ByteBuffer frame = ByteBuffer.allocate(12 + length);
    frame.putInt(0).putInt(length);
    frame.put((byte) codec).put((byte) 1).put((byte) type).putInt(payload.length).put(payload).put((byte) 1);
    frame.putInt(Crc16Ibm.of(frame.array(), 8, length));
    return frame.array();
  }

  private static String bcdImei(byte[] bcd) {
    StringBuilder digits = new StringBuilder(IMEI_BCD_BYTES * 2);
    for (byte b : bcd) {
      digits.append(Character.forDigit((b >>> 4) & 0x0f, 16)).append(Character.forDigit(b & 0x0f, 16));
    }
    return digits.substring(1);
  }
}
