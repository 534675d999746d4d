package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The fleet at a glance: {@code GET /api/fleet/summary}, {@code GET /api/fleet/map?bbox&zoom}. */
public final class FleetFunctions {
  private final ApiBridge bridge;

  public FleetFunctions() {
    this(ApiBridge.runtime());
  }

  public FleetFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("fleetSummary")
  public HttpResponseMessage summary(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "fleet/summary",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "fleet/summary");
  }

  @FunctionName("fleetMap")
  public HttpResponseMessage map(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "fleet/map",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "fleet/map");
  }
}
