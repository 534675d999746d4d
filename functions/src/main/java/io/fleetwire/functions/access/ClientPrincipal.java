package io.fleetwire.functions.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The caller's role on Azure, from App Service Authentication's {@code X-MS-CLIENT-PRINCIPAL}
 * header: Base64 of {@code {"auth_typ","claims":[{"typ","val"}],"name_typ","role_typ"}}. The
 * platform strips the header from outside requests and sets it only for an authenticated caller,
 * so it can be trusted as given. Entra app roles arrive as claims whose type is {@code role_typ}
 * (or {@code roles}); the highest Fleetwire role among them wins.
 */
public final class ClientPrincipal {
  public static final String HEADER = "X-MS-CLIENT-PRINCIPAL";
  private static final String ROLES_CLAIM = "roles";
  private static final String ROLE_URI = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
  private static final int MAX_HEADER_CHARS = 64 * 1024;

  /** Set to {@code True} by App Service when its Authentication is enabled for the app. */
  public static final String AUTH_ENABLED_ENV = "WEBSITE_AUTH_ENABLED";

  private ClientPrincipal() {
  }

  /**
   * The caller's role: with App Service Authentication on, the highest Fleetwire app role of the
   * principal, a signed-in user without one being a viewer; with it off (a deployment that chose
   * no sign-in), every caller is an admin, as on a local stack without tokens.
   */
  public static Role callerRole(String header, boolean authenticationEnabled) {
    return authenticationEnabled ? role(header).orElse(Role.viewer) : Role.admin;
  }

  /** True when this process runs behind App Service Authentication. */
  public static boolean authenticationEnabled() {
    return "true".equalsIgnoreCase(System.getenv(AUTH_ENABLED_ENV));
  }

  /** The role the principal holds; empty for no header, an unreadable one, or no Fleetwire app role. */
  public static Optional<Role> role(String header) {
    if (header == null || header.isBlank() || header.length() > MAX_HEADER_CHARS) {
      return Optional.empty();
    }
    JsonNode principal;
    try {
      principal = Json.mapper().readTree(new String(Base64.getDecoder().decode(header.strip()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
    if (principal == null || !principal.path("claims").isArray()) {
      return Optional.empty();
    }
    String roleType = principal.path("role_typ").asText(ROLE_URI);
    Role best = null;
    for (JsonNode claim : principal.path("claims")) {
      String type = claim.path("typ").asText("");
      if (!type.equals(roleType) && !type.equals(ROLES_CLAIM) && !type.equals(ROLE_URI)) {
        continue;
      }
      Optional<Role> role = Role.named(claim.path("val").asText(null));
      if (role.isPresent() && (best == null || role.get().includes(best))) {
        best = role.get();
      }
    }
    return Optional.ofNullable(best);
  }
}
