package io.fleetwire.functions.access;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A state-changing request must carry a JSON body and, when a browser sent it, come from the
 * page's own origin (DESIGN rule 7). A page on another site can make a browser send a
 * {@code text/plain} POST without asking first (no CORS preflight); it cannot send
 * {@code application/json} that way, nor forge {@code Origin} or {@code Sec-Fetch-Site}.
 */
public final class StateChangeCheck {
  private static final int MAX_ECHO = 64;

  private StateChangeCheck() {
  }

  /**
   * @param header the request's header by name, {@code null} when absent
   * @param hasBody true when the request carries a body
   */
  public static Optional<Refusal> check(String method, boolean hasBody, Function<String, String> header) {
    if (!RoutePrivilege.changesState(method)) {
      return Optional.empty();
    }
    boolean needsJson = hasBody || !method.equalsIgnoreCase("DELETE");
    String type = orEmpty(header.apply("Content-Type")).toLowerCase(Locale.ROOT);
    if (needsJson && !(type.equals("application/json") || type.startsWith("application/json;"))) {
      return Optional.of(new Refusal(415, "unsupported_media_type",
          method + " needs 'Content-Type: application/json', got '" + clip(type) + "'"));
    }
    String site = orEmpty(header.apply("Sec-Fetch-Site")).toLowerCase(Locale.ROOT);
    if (!site.isEmpty() && !site.equals("same-origin") && !site.equals("none")) {
      return Optional.of(crossOrigin("Sec-Fetch-Site: " + clip(site)));
    }
    String origin = header.apply("Origin");
    if (origin != null) {
      String value = origin.strip();
      int scheme = value.indexOf("://");
      String authority = scheme < 0 ? "" : value.substring(scheme + 3).toLowerCase(Locale.ROOT);
      String host = orEmpty(header.apply("Host")).strip().toLowerCase(Locale.ROOT);
      if (authority.isEmpty() || !authority.equals(host)) {
        return Optional.of(crossOrigin("Origin '" + clip(value) + "'"));
      }
    }
    return Optional.empty();
  }

  private static Refusal crossOrigin(String what) {
    return new Refusal(403, "cross_origin",
        "state-changing requests must come from the dashboard's own origin, not " + what);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String clip(String value) {
    return value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
  }
}
