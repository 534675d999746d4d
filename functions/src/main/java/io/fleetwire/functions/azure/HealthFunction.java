package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/**
 * {@code GET /api/health}. Anonymous like every route here: App Service Authentication (Entra ID)
 * in front of the app decides who gets in (see docs/FUNCTIONS.md).
 */
public final class HealthFunction {
  private final ApiBridge bridge;

  public HealthFunction() {
    this(ApiBridge.runtime());
  }

  public HealthFunction(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("health")
  public HttpResponseMessage health(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "health",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "health");
  }
}
