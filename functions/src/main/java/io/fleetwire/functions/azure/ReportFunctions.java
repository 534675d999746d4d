package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;

import java.util.Optional;

/** Fleet reports: {@code GET /api/reports/daily?date=YYYY-MM-DD[&format=csv]}. */
public final class ReportFunctions {
  private final ApiBridge bridge;

  public ReportFunctions() {
    this(ApiBridge.runtime());
  }

  public ReportFunctions(ApiBridge bridge) {
    this.bridge = bridge;
  }

  @FunctionName("dailyReport")
  public HttpResponseMessage dailyReport(
      @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "reports/daily",
          authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request) {
    return bridge.answer(request, "reports/daily");
  }
}
