package io.fleetwire.functions.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code next} token of a paged route: the store's continuation together with the scope it
 * belongs to (the IMEI for positions, the day for the daily report), base64url-encoded so it needs
 * no escaping in a URL and a token from another device or day, or a mangled one, is refused with a
 * 400 rather than passed to the store.
 */
final class ContinuationToken {
  private static final char SEPARATOR = ':';

  private ContinuationToken() {
  }

  static String wrap(String scope, String storeContinuation) {
    if (storeContinuation == null) {
      return null;
    }
    String plain = scope + SEPARATOR + storeContinuation;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The store's continuation inside {@code token}, or a 400 when the token is not one of ours. */
  static String unwrap(String imei, String token) {
    String inside = open(imei, token);
    if (inside == null) {
      throw invalid(token);
    }
    return inside;
  }

  /** What {@link #wrap} put in {@code token} for {@code scope}; {@code null} when it is not such a token. */
  static String open(String scope, String token) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String prefix = scope + SEPARATOR;
    if (!plain.startsWith(prefix) || plain.length() == prefix.length()) {
      return null;
    }
    return plain.substring(prefix.length());
  }

  static ApiException invalid(String token) {
    return ApiException.badRequest("bad_next", "'next' " + RequestParams.quoted(token)
        + " is not a continuation token of this device's positions; pass the 'next' of the previous page unchanged");
  }
}
