package io.fleetwire.functions.azure;

import io.fleetwire.functions.api.ApiConformanceCases;
import io.fleetwire.functions.api.ApiConformanceCases.Case;
import io.fleetwire.functions.api.FleetApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;

/** The shared API cases through the Functions adapters, routed by their own {@code @HttpTrigger} routes. */
class FunctionsConformanceTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.fleetwire.functions.api.ApiConformanceCases#cases")
  void answersAsTheApiPrescribes(Case expected) {
    FleetApi api = ApiConformanceCases.api(ApiConformanceCases.seededStore());
    ApiBridge bridge = new ApiBridge(() -> api);
    FunctionRoutes routes = new FunctionRoutes(new HealthFunction(bridge), new DeviceFunctions(bridge),
        new FleetFunctions(bridge),
        new TrackFunctions(bridge), new ReportFunctions(bridge), new AlertFunctions(bridge),
        new DashboardFunctions(asset -> Optional.empty()));
    StubHttpRequest request = new StubHttpRequest(expected.method(), expected.path(), expected.query(),
        expected.body(), expected.body() == null ? java.util.Map.of() : java.util.Map.of("Content-Type", "application/json"));

    StubHttpRequest.Response response = (StubHttpRequest.Response) routes.dispatch(request)
        .orElseThrow(() -> new AssertionError("no function route matches " + expected.path()));

    ApiConformanceCases.check(expected, response.getStatusCode(), response::getHeader, response.bodyBytes());
  }
}
