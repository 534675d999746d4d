package io.fleetwire.local.http;

import io.fleetwire.functions.api.ApiConformanceCases;
import io.fleetwire.functions.api.ApiConformanceCases.Case;
import io.fleetwire.functions.dashboard.DashboardAssets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/** The shared API cases (the same the Functions adapters run) through the local HTTP server over a real socket. */
class LocalHttpConformanceTest {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  private LocalHttpServer server;

  @BeforeEach
  void start() throws InterruptedException {
    server = LocalHttpServer.start("127.0.0.1", 0, ApiConformanceCases.api(ApiConformanceCases.seededStore()),
        new DashboardAssets());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.fleetwire.functions.api.ApiConformanceCases#cases")
  void answersAsTheApiPrescribes(Case expected) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher body = expected.body() == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(expected.body(), StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(expected))
        .timeout(Duration.ofSeconds(10))
        .method(expected.method(), body);
    if (expected.body() != null) {
      request.header("Content-Type", "application/json");
    }

    HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

    ApiConformanceCases.check(expected, response.statusCode(),
        name -> response.headers().firstValue(name).orElse(null), response.body());
  }

  private URI uri(Case expected) {
    String query = expected.query().entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    return URI.create("http://127.0.0.1:" + server.port() + expected.path() + (query.isEmpty() ? "" : "?" + query));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
