package io.fleetwire.functions.api;

import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * The {@code next} token of a paged route: the store's continuation together with the list it
 * belongs to (a device's positions, its events, the device list, a day's fleet report), base64url-encoded so it needs
 * no escaping in a URL, and so a token from another list or a mangled one is refused with a 400
 * rather than passed to the store.
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

  /** The store's continuation inside {@code token}, or a 400 when the token is not one of this list. */
  static String unwrap(String scope, String token) {
    String inside = open(scope, token);
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

  /**
   * Reads the page after {@code token} (null: the first) of the list {@code scope}; the page's
   * {@code next} is wrapped for the same list.
   */
  static <T> Page<T> page(String scope, String token, Function<String, Page<T>> read) {
    String continuation = token == null ? null : unwrap(scope, token);
    Page<T> page;
    try {
      page = read.apply(continuation);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (continuation == null) {
        throw e;
      }
      // the token was well-formed for this list but its inside is not a continuation the store reads
      throw invalid(token);
    }
    return new Page<>(page.items(), wrap(scope, page.next()));
  }

  static ApiException invalid(String token) {
    return ApiException.badRequest("bad_next", "'next' " + RequestParams.quoted(token)
        + " is not a continuation token of this list; pass the 'next' of the previous page unchanged");
  }
}
