package io.fleetwire.functions.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code next} token of the positions route: the store's continuation together with the IMEI
 * it belongs to, base64url-encoded so it needs no escaping in a URL and a token from another
 * device or a mangled one is refused with a 400 rather than passed to the store.
 */
final class ContinuationToken {
  private static final char SEPARATOR = ':';

  private ContinuationToken() {
  }

  static String wrap(String imei, String storeContinuation) {
    if (storeContinuation == null) {
      return null;
    }
    String plain = imei + SEPARATOR + storeContinuation;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The store's continuation inside {@code token}, or a 400 when the token is not one of ours. */
  static String unwrap(String imei, String token) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(token);
    }
    String prefix = imei + SEPARATOR;
    if (!plain.startsWith(prefix) || plain.length() == prefix.length()) {
      throw invalid(token);
    }
    return plain.substring(prefix.length());
  }

  static ApiException invalid(String token) {
    return ApiException.badRequest("bad_next", "'next' " + RequestParams.quoted(token)
        + " is not a continuation token of this device's positions; pass the 'next' of the previous page unchanged");
  }
}
