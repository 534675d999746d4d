package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --api-token} the API answers only callers that send it as a bearer token. */
class ApiTokenTest {
  private static final String TOKEN = "s3cret-token";

  @TempDir
  Path data;

  @Test
  void apiNeedsTheBearerToken() throws Exception {
    try (LocalStack stack = LocalStack.start(StackConfigs.of(data, LocalConfig.Policy.open, TOKEN))) {
      StackClient.Reply anonymous = new StackClient(stack.httpPort()).get("/api/devices");
      assertEquals(401, anonymous.status());
      assertTrue(anonymous.contentType().startsWith("application/json"), anonymous.contentType());
      assertEquals("unauthorized", anonymous.body().get("error").asText());

      StackClient.Reply wrong = new StackClient(stack.httpPort(), "other").get("/api/devices");
      assertEquals(401, wrong.status());

      StackClient.Reply authorized = new StackClient(stack.httpPort(), TOKEN).get("/api/devices");
      assertEquals(200, authorized.status());
      assertTrue(authorized.body().get("items").isArray());
    }
  }
}
