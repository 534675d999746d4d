package io.fleetwire.front.teltonika;

import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link ServerMessage} into the bytes a device expects. Pure, shared by the Netty
 * {@link TeltonikaServerEncoder}, tests and tools.
 */
public final class TeltonikaEncoder {
  private static final int IMEI_DIGITS = 15;

  private TeltonikaEncoder() {
  }

  public static byte[] encode(ServerMessage message) {
    if (message instanceof ServerMessage.LoginReply reply) {
      return loginReply(reply.accepted());
    }
    if (message instanceof ServerMessage.RecordAck ack) {
      return recordAck(ack.count());
    }
    if (message instanceof ServerMessage.CameraRequest request) {
      return cameraRequest(request);
    }
    return command((ServerMessage.Command) message);
  }

  /** The next chunk a camera should send (Codec 12, type 0x0D, part 0x02). */
  public static byte[] cameraRequest(ServerMessage.CameraRequest request) {
    byte[] payload = new byte[11];
    payload[0] = (byte) CameraFrame.PART_REQUEST;
    putInt(payload, 1, (int) request.photoId());
    putInt(payload, 5, (int) request.offset());
    payload[9] = (byte) (request.length() >>> 8);
    payload[10] = (byte) request.length();
    return codec12Frame(DeviceResponse.CODEC_12, CameraFrame.TYPE_CAMERA, payload);
  }

  /** {@code 01} accepted, {@code 00} rejected. */
  public static byte[] loginReply(boolean accepted) {
    return new byte[] {(byte) (accepted ? 1 : 0)};
  }

  /** The number of records accepted, 4 bytes big-endian. */
  public static byte[] recordAck(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("ack count must not be negative: " + count);
    }
    byte[] out = new byte[4];
    putInt(out, 0, count);
    return out;
  }

  /**
   * A Codec 12 (type 05, payload = text) or Codec 14 (type 05, payload = IMEI as 8 BCD bytes, a
   * leading 0 nibble and the 15 digits, then text) command frame with length and CRC.
   */
  public static byte[] command(ServerMessage.Command command) {
    byte[] text = asciiText(command.text());
    byte[] payload;
    if (command.codec() == DeviceResponse.CODEC_12) {
      payload = text;
    } else if (command.codec() == DeviceResponse.CODEC_14) {
      payload = new byte[CommandResponseReader.IMEI_BCD_BYTES + text.length];
      putBcdImei(payload, command.imei());
      System.arraycopy(text, 0, payload, CommandResponseReader.IMEI_BCD_BYTES, text.length);
    } else {
      throw new IllegalArgumentException(
          "commands are sent in codec 12 or 14, not " + command.codec());
    }
    return codec12Frame(command.codec(), DeviceResponse.TYPE_COMMAND, payload);
  }

  private static byte[] codec12Frame(int codec, int type, byte[] payload) {
    int dataLength = payload.length + 8; // codec, quantity, type, size(4), quantity
    byte[] frame = new byte[TeltonikaDecoder.DATA_FRAME_OVERHEAD + dataLength];
    putInt(frame, 4, dataLength);
    int at = 8;
    frame[at++] = (byte) codec;
    frame[at++] = 1;
    frame[at++] = (byte) type;
    putInt(frame, at, payload.length);
    at += 4;
    System.arraycopy(payload, 0, frame, at, payload.length);
    at += payload.length;
    frame[at++] = 1;
    putInt(frame, at, Crc16.ibm(frame, 8, dataLength));
    return frame;
  }

  private static byte[] asciiText(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("command text must not be empty");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        throw new IllegalArgumentException("command text must be ASCII: " + text);
      }
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static void putBcdImei(byte[] out, String imei) {
    if (imei == null || imei.length() != IMEI_DIGITS
        || !imei.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("codec 14 needs a 15-digit IMEI, got " + imei);
    }
    String nibbles = "0" + imei;
    for (int i = 0; i < CommandResponseReader.IMEI_BCD_BYTES; i++) {
      out[i] = (byte) (((nibbles.charAt(2 * i) - '0') << 4) | (nibbles.charAt(2 * i + 1) - '0'));
    }
  }

  private static void putInt(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 24);
    out[at + 1] = (byte) (value >>> 16);
    out[at + 2] = (byte) (value >>> 8);
    out[at + 3] = (byte) value;
  }
}
