package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** {@code GET /api/me}: the caller's role, from its Entra app roles, so the dashboard shows only what it may do. */
public final class AccessFunction {
  private final ApiBridge bridge;

  public AccessFunction() {
    this(ApiBridge.runtime());
  }

  public AccessFunction(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("me")
  public HttpResponseMessage me(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "me",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "me");
  }
}
