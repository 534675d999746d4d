package io.fleetwire.local.http;

/** Request-controlled text as it may appear in an error detail: bounded, so an answer never echoes a flood. */
final class RequestText {
  private static final int MAX_CHARS = 64;

  private RequestText() {
  }

  static String clip(String value) {
    return value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) + "..." : value;
  }
}
