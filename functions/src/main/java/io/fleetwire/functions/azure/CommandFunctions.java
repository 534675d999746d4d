package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Device commands: {@code GET|POST /api/devices/{imei}/commands}, {@code GET .../commands/{id}}. */
public final class CommandFunctions {
  private final ApiBridge bridge;

  public CommandFunctions() {
    this(ApiBridge.runtime());
  }

  public CommandFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("commands")
  public HttpResponseMessage commands(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, route = "devices/{imei}/commands",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei + "/commands");
  }

  @FunctionName("command")
  public HttpResponseMessage command(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "devices/{imei}/commands/{id}",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei,
      @BindingName("id") String id) {
    return bridge.answer(request, "devices/" + imei + "/commands/" + id);
  }
}
