package io.fleetwire.functions.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The role of an Azure caller, from App Service Authentication's principal header. */
class ClientPrincipalTest {
  private static final String ROLE_URI = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

  private static String header(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String principal(String roleType, String... roles) {
    StringBuilder claims = new StringBuilder("{\"typ\":\"name\",\"val\":\"Ada\"}");
    for (String role : roles) {
      claims.append(",{\"typ\":\"").append(roleType).append("\",\"val\":\"").append(role).append("\"}");
    }
    return header("{\"auth_typ\":\"aad\",\"claims\":[" + claims + "],\"name_typ\":\"name\",\"role_typ\":\""
        + ROLE_URI + "\"}");
  }

  @Test
  void highestFleetwireAppRoleWins() {
    assertEquals(Optional.of(Role.operator), ClientPrincipal.role(principal("roles", "viewer", "operator", "Other")));
    assertEquals(Optional.of(Role.admin), ClientPrincipal.role(principal(ROLE_URI, "Admin")));
  }

  @Test
  void signedInWithoutAFleetwireRoleIsAViewer() {
    assertEquals(Role.viewer, ClientPrincipal.callerRole(principal("roles", "Finance"), true));
    assertEquals(Role.viewer, ClientPrincipal.callerRole(null, true));
  }

  @Test
  void unreadableHeadersGiveNoRole() {
    assertEquals(Optional.empty(), ClientPrincipal.role("not base64 !"));
    assertEquals(Optional.empty(), ClientPrincipal.role(header("[1,2]")));
    assertEquals(Optional.empty(), ClientPrincipal.role(header("{\"claims\":[{\"typ\":\"name\",\"val\":\"admin\"}]}")));
  }

  @Test
  void withoutAuthenticationEveryCallerIsAnAdmin() {
    assertEquals(Role.admin, ClientPrincipal.callerRole(null, false));
  }

  @Test
  void routesNeedTheLeastRoleThatMayUseThem() {
    assertEquals(Role.viewer, RoutePrivilege.required("GET", "/api/devices"));
    assertEquals(Role.operator, RoutePrivilege.required("POST", "/api/devices/356307042441013/commands"));
    assertEquals(Role.operator, RoutePrivilege.required("POST", "/api/alerts/a1/close"));
    assertEquals(Role.admin, RoutePrivilege.required("POST", "/api/devices"));
    assertEquals(Role.admin, RoutePrivilege.required("DELETE", "/api/devices/356307042441013"));
    assertEquals(Role.admin, RoutePrivilege.required("POST", "/api/rules"));
  }
}
