package io.fleetwire.front.session;

/**
 * Device-controlled text as it may appear in a log line: control characters escaped (no forged
 * lines) and cut to {@link #MAX_CHARS}, with the full length noted. The whole text is kept only in
 * the stored data.
 */
public final class DeviceText {
  public static final int MAX_CHARS = 120;

  private DeviceText() {
  }

  public static String forLog(String text) {
    if (text == null) {
      return "";
    }
    int shown = Math.min(text.length(), MAX_CHARS);
    StringBuilder out = new StringBuilder(shown + 24);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_CHARS) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
