package io.fleetwire.local.http;

import io.fleetwire.functions.access.Role;
import io.fleetwire.functions.access.Refusal;
import io.fleetwire.functions.api.ApiRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what on the local HTTP server (DESIGN rule 7). API tokens carry a role
 * ({@code ROLE:TOKEN}; a bare {@code TOKEN} is an admin); without any token every caller on the
 * machine is an admin, and the server is kept to loopback. Unless tokens guard a server opened
 * wider, the Host must be one of the allowed names, so a DNS-rebinding page cannot read the API.
 * (JSON bodies and same-origin for state-changing requests are the API's own rule, on every runtime.)
 */
public final class HttpAccess {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  private record Token(byte[] secret, Role role) {
  }

  private final List<Token> tokens;
  private final Set<String> allowedHosts;
  private final boolean checkHost;

  private HttpAccess(List<Token> tokens, Set<String> allowedHosts, boolean checkHost) {
    this.tokens = tokens;
    this.allowedHosts = allowedHosts;
    this.checkHost = checkHost;
  }

  /** No tokens: every caller is an admin; only loopback names are allowed as Host. */
  public static HttpAccess open() {
    return of(List.of(), List.of());
  }

  /**
   * @param tokenSpecs   {@code ROLE:TOKEN} or a bare {@code TOKEN} (admin); blank ones are ignored
   * @param extraHosts   Host names allowed beside the loopback names; with tokens and none given, any Host is
   */
  public static HttpAccess of(List<String> tokenSpecs, List<String> extraHosts) {
    List<Token> tokens = new ArrayList<>();
    for (String spec : tokenSpecs) {
      if (spec == null || spec.isBlank()) {
        continue;
      }
      String text = spec.strip();
      int colon = text.indexOf(':');
      Optional<Role> role = colon > 0 ? Role.named(text.substring(0, colon)) : Optional.empty();
      String secret = role.isPresent() ? text.substring(colon + 1) : text;
      if (secret.isBlank()) {
        throw new IllegalArgumentException("--api-token " + role.map(Role::name).orElse("") + ": needs a token after the role");
      }
      tokens.add(new Token(secret.getBytes(StandardCharsets.UTF_8), role.orElse(Role.admin)));
    }
    Set<String> hosts = new LinkedHashSet<>(LOOPBACK_NAMES);
    extraHosts.stream().filter(h -> h != null && !h.isBlank()).map(h -> h.strip().toLowerCase(Locale.ROOT))
        .forEach(hosts::add);
    return new HttpAccess(List.copyOf(tokens), Set.copyOf(hosts), tokens.isEmpty() || !extraHosts.isEmpty());
  }

  public boolean tokensRequired() {
    return !tokens.isEmpty();
  }

  /** The Host check, for every request (page and assets included). */
  public Optional<Refusal> checkHost(ApiRequest request) {
    if (!checkHost) {
      return Optional.empty();
    }
    String host = request.header("Host").map(HttpAccess::hostName).orElse("");
    if (!allowedHosts.contains(host)) {
      return Optional.of(new Refusal(421, "misdirected_request", "this server answers to " + allowedHosts
          + ", not to Host '" + RequestText.clip(host) + "'"));
    }
    return Optional.empty();
  }

  /** The caller's role, or a refusal (401 for a missing or unknown token). */
  public Role role(ApiRequest request) throws RefusedException {
    if (tokens.isEmpty()) {
      return Role.admin;
    }
    String header = request.header("Authorization").orElse("");
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] offered = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      Role found = null;
      for (Token token : tokens) {
        // every token compared, in constant time, so timing tells nothing about which matched
        if (MessageDigest.isEqual(token.secret(), offered) && found == null) {
          found = token.role();
        }
      }
      if (found != null) {
        return found;
      }
    }
    throw new RefusedException(new Refusal(401, "unauthorized",
        "this server needs an API token: send 'Authorization: Bearer <token>'"));
  }

  /** The name part of a Host header: without port, lower case; an IPv6 literal keeps its brackets. */
  static String hostName(String header) {
    String host = header.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** A refused request, carrying its {@link Refusal}; cheap, it has no stack trace. */
  public static final class RefusedException extends Exception {
    private final transient Refusal refusal;

    RefusedException(Refusal refusal) {
      super(refusal.detail(), null, false, false);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }
}
