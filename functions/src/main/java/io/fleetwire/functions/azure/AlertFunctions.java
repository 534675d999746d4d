package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Alert rules and alerts: {@code GET|POST /api/rules}, {@code GET|DELETE /api/rules/{id}}, {@code GET /api/alerts}. */
public final class AlertFunctions {
  private final ApiBridge bridge;

  public AlertFunctions() {
    this(ApiBridge.runtime());
  }

  public AlertFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("rules")
  public HttpResponseMessage rules(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, route = "rules",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "rules");
  }

  @FunctionName("rule")
  public HttpResponseMessage rule(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.DELETE}, route = "rules/{id}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("id") String id) {
    return bridge.answer(request, "rules/" + id);
  }

  @FunctionName("alerts")
  public HttpResponseMessage alerts(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "alerts",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "alerts");
  }
}
