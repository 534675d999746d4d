package io.fleetwire.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.limits.ConnectionLimits;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege on the local stack, over real sockets: roles from {@code ROLE:TOKEN}, JSON and
 * same-origin for every state-changing request, the Host checked when no token guards the server.
 */
class AccessControlTest {
  private static final String IMEI = "356307042441013";
  private static final String HOST = "127.0.0.1";
  private static final String REGISTER = "{\"imei\":\"" + IMEI + "\",\"name\":\"van 1\"}";
  private static final String COMMAND = "{\"text\":\"setdigout 1\"}";
  private static final String COMMANDS = "/api/devices/" + IMEI + "/commands";

  @TempDir
  Path data;

  private LocalStack start(List<String> tokens) throws InterruptedException {
    return LocalStack.start(new LocalConfig(HOST, 0, HOST, 0, data, LocalConfig.Policy.open, Duration.ofMinutes(1),
        FrontConfig.DEFAULT_MAX_FRAME_BYTES, 0, Duration.ofSeconds(5), tokens, List.of(), ConnectionLimits.defaults(),
        LocalConfig.defaultHttpLimits()));
  }

  private static RawHttp.Reply call(LocalStack stack, String method, String path, String token, String body)
      throws IOException {
    String host = HOST + ":" + stack.httpPort();
    return RawHttp.send(stack.httpPort(), body == null
        ? RawHttp.request(method, path, host, "Authorization: Bearer " + token)
        : RawHttp.request(method, path, host, "Authorization: Bearer " + token, "Content-Type: application/json",
            body));
  }

  @Test
  void eachRoleMayDoItsOwnAndNothingAbove() throws Exception {
    try (LocalStack stack = start(List.of("viewer:v-token", "operator:o-token", "admin-token"))) {
      assertEquals(403, call(stack, "POST", "/api/devices", "o-token", REGISTER).status());
      assertEquals(201, call(stack, "POST", "/api/devices", "admin-token", REGISTER).status());

      assertEquals(200, call(stack, "GET", "/api/devices", "v-token", null).status());
      RawHttp.Reply viewerCommand = call(stack, "POST", COMMANDS, "v-token", COMMAND);
      assertEquals(403, viewerCommand.status());
      assertEquals("forbidden", viewerCommand.json().get("error").asText());
      assertTrue(viewerCommand.json().get("detail").asText().contains("operator"), viewerCommand.body());
      assertEquals(202, call(stack, "POST", COMMANDS, "o-token", COMMAND).status());
      assertEquals(403, call(stack, "DELETE", "/api/devices/" + IMEI, "o-token", null).status());

      assertEquals("viewer", call(stack, "GET", "/api/me", "v-token", null).json().get("role").asText());
      assertEquals("operator", call(stack, "GET", "/api/me", "o-token", null).json().get("role").asText());
      assertEquals("admin", call(stack, "GET", "/api/me", "admin-token", null).json().get("role").asText());
      assertEquals(401, call(stack, "GET", "/api/me", "wrong", null).status());
    }
  }

  @Test
  void withoutTokensACrossSiteCommandIsRefused() throws Exception {
    try (LocalStack stack = start(List.of())) {
      String host = HOST + ":" + stack.httpPort();
      assertEquals(201, RawHttp.send(stack.httpPort(), RawHttp.request("POST", "/api/devices", host,
          "Content-Type: application/json", REGISTER)).status());

      // what a page on another site can send from the user's browser without a preflight
      RawHttp.Reply plain = RawHttp.send(stack.httpPort(), RawHttp.request("POST", COMMANDS, host,
          "Content-Type: text/plain", "Origin: http://evil.example", COMMAND));
      assertEquals(415, plain.status());
      assertEquals("unsupported_media_type", plain.json().get("error").asText());

      RawHttp.Reply crossOrigin = RawHttp.send(stack.httpPort(), RawHttp.request("POST", COMMANDS, host,
          "Content-Type: application/json", "Origin: http://evil.example", COMMAND));
      assertEquals(403, crossOrigin.status());
      assertEquals("cross_origin", crossOrigin.json().get("error").asText());

      RawHttp.Reply crossSite = RawHttp.send(stack.httpPort(), RawHttp.request("POST", COMMANDS, host,
          "Content-Type: application/json", "Sec-Fetch-Site: cross-site", COMMAND));
      assertEquals(403, crossSite.status());

      RawHttp.Reply sameOrigin = RawHttp.send(stack.httpPort(), RawHttp.request("POST", COMMANDS, host,
          "Content-Type: application/json", "Origin: http://" + host, "Sec-Fetch-Site: same-origin", COMMAND));
      assertEquals(202, sameOrigin.status(), sameOrigin.body());
    }
  }

  @Test
  void withoutTokensAForeignHostIsRefused() throws Exception {
    try (LocalStack stack = start(List.of())) {
      // a DNS-rebinding page reaches 127.0.0.1 under its own name
      RawHttp.Reply api = RawHttp.send(stack.httpPort(), RawHttp.request("GET", "/api/devices",
          "rebind.evil.example:" + stack.httpPort()));
      assertEquals(421, api.status());
      assertEquals("misdirected_request", api.json().get("error").asText());
      assertEquals(421, RawHttp.send(stack.httpPort(), RawHttp.request("GET", "/", "rebind.evil.example")).status());
      assertEquals(200, RawHttp.send(stack.httpPort(), RawHttp.request("GET", "/api/devices",
          "localhost:" + stack.httpPort())).status());
    }
  }

  @Test
  void withoutTokensTheServerStaysOnLoopback() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new LocalConfig(HOST, 0,
        "0.0.0.0", 0, data, LocalConfig.Policy.open, Duration.ofMinutes(1), FrontConfig.DEFAULT_MAX_FRAME_BYTES, 0,
        Duration.ofSeconds(5), List.of(), List.of(), ConnectionLimits.defaults(), LocalConfig.defaultHttpLimits()));
    assertTrue(error.getMessage().contains("--api-token"), error.getMessage());
  }

  @Test
  void tokenSpecsNameTheirRole() {
    assertThrows(IllegalArgumentException.class, () -> HttpAccess.of(List.of("operator:"), List.of()));
    assertTrue(HttpAccess.of(List.of("bare"), List.of()).tokensRequired());
    assertTrue(!HttpAccess.of(List.of(), List.of()).tokensRequired());
  }
}
