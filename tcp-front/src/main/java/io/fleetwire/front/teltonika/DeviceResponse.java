package io.fleetwire.front.teltonika;

/**
 * A device answer in Codec 12 (type 06), 13 or 14 (type 06 executed, type 11 IMEI mismatch).
 * Never acked with a record count. {@code imei} is set for Codec 14 (the IMEI the device
 * reported), else {@code null}. {@code text} is the response payload as ASCII (for Codec 13,
 * after its 4-byte timestamp; for Codec 14, after the IMEI).
 */
public record DeviceResponse(int codec, int type, String imei, String text) implements DeviceMessage {
  public static final int CODEC_12 = 0x0C;
  public static final int CODEC_13 = 0x0D;
  public static final int CODEC_14 = 0x0E;
  public static final int TYPE_COMMAND = 0x05;
  public static final int TYPE_RESPONSE = 0x06;
  public static final int TYPE_IMEI_MISMATCH = 0x11;
}
