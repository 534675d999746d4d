package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** The device registry: {@code GET|POST /api/devices}, {@code GET|DELETE /api/devices/{imei}}. */
public final class DeviceFunctions {
  private final ApiBridge bridge;

  public DeviceFunctions() {
    this(ApiBridge.runtime());
  }

  public DeviceFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("devices")
  public HttpResponseMessage devices(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, route = "devices",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "devices");
  }

  @FunctionName("device")
  public HttpResponseMessage device(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.DELETE}, route = "devices/{imei}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei);
  }
}
