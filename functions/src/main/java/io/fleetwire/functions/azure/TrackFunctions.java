package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/**
 * One device's track: {@code GET /api/devices/{imei}/positions}, {@code .../events},
 * {@code .../messages}, {@code .../report}.
 */
public final class TrackFunctions {
  private final ApiBridge bridge;

  public TrackFunctions() {
    this(ApiBridge.runtime());
  }

  public TrackFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("positions")
  public HttpResponseMessage positions(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "devices/{imei}/positions",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei + "/positions");
  }

  @FunctionName("events")
  public HttpResponseMessage events(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "devices/{imei}/events",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei + "/events");
  }

  @FunctionName("messages")
  public HttpResponseMessage messages(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "devices/{imei}/messages",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei + "/messages");
  }

  @FunctionName("report")
  public HttpResponseMessage report(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "devices/{imei}/report",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
      @BindingName("imei") String imei) {
    return bridge.answer(request, "devices/" + imei + "/report");
  }
}
