package io.fleetwire.front.teltonika;

import java.time.Instant;

/**
 * A Codec 12, 13, 14 or 15 frame from a device: an answer to a command (Codec 12/14 type 06, Codec
 * 14 type 11 IMEI mismatch) or a message it sends on its own (Codec 13 and 15, Codec 12 without a
 * command in flight). Never acked with a record count.
 *
 * <p>{@code imei}: the IMEI the frame carries (Codec 14 and 15), else {@code null}.
 * {@code timestamp}: the device's time of the message (Codec 13 and 15), else {@code null}.
 * The payload after those is in {@code text} when every byte is printable ASCII (tab, CR and LF
 * included), else in {@code hex}: exactly one of the two is set.
 */
public record DeviceResponse(int codec, int type, String imei, Instant timestamp, String text, String hex)
    implements DeviceMessage {
  public static final int CODEC_12 = 0x0C;
  public static final int CODEC_13 = 0x0D;
  public static final int CODEC_14 = 0x0E;
  public static final int CODEC_15 = 0x0F;
  public static final int TYPE_COMMAND = 0x05;
  public static final int TYPE_RESPONSE = 0x06;
  public static final int TYPE_IMEI_MISMATCH = 0x11;
  /** Longest part of a payload written to a log: the device controls it. */
  static final int LOGGED_CHARS = 120;

  public DeviceResponse {
    if ((text == null) == (hex == null)) {
      throw new IllegalArgumentException("exactly one of text and hex must be set");
    }
  }

  /** A printable answer without IMEI or time: what tests and the command path mostly see. */
  public static DeviceResponse text(int codec, int type, String imei, String text) {
    return new DeviceResponse(codec, type, imei, null, text, null);
  }

  /** The payload as it is best shown: the text, or the hex of a binary payload. */
  public String payload() {
    return text != null ? text : hex;
  }

  /** The payload for a log line: control characters escaped, cut after {@value #LOGGED_CHARS} characters. */
  public String loggable() {
    String shown = payload();
    StringBuilder out = new StringBuilder(Math.min(shown.length(), LOGGED_CHARS) + 16);
    for (int i = 0; i < shown.length() && i < LOGGED_CHARS; i++) {
      char c = shown.charAt(i);
      out.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    if (shown.length() > LOGGED_CHARS) {
      out.append("...(").append(shown.length()).append(" chars)");
    }
    return out.toString();
  }
}
