package io.fleetwire.front.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class HealthEndpointTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private FrontServer startFront() {
    FrontConfig config = FrontConfig.defaults().withHost("127.0.0.1").withPort(0).withHealthPort(0)
        .withFrontId("front-test");
    FrontServer server = FrontServer.start(config, publisher, DeviceRegistry.open(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    opened.add(server);
    return server;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TIMEOUT).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    return Json.mapper().readTree(response.body());
  }

  @Test
  void liveAnswers200Up() throws Exception {
    FrontServer server = startFront();

    HttpResponse<String> response = get(server.healthPort(), "/health/live");

    assertEquals(200, response.statusCode());
    assertEquals("UP", json(response).get("status").asText());
  }

  @Test
  void readyFollowsThePublisher() throws Exception {
    FrontServer server = startFront();

    HttpResponse<String> ready = get(server.healthPort(), "/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("UP", json(ready).get("status").asText());

    publisher.setReady(false);
    HttpResponse<String> notReady = get(server.healthPort(), "/health/ready");
    assertEquals(503, notReady.statusCode());
    JsonNode body = json(notReady);
    assertEquals("DOWN", body.get("status").asText());
    assertEquals("DOWN", body.get("publisher").asText());
  }

  @Test
  void readyIs503WhileDraining() throws Exception {
    Readiness draining = new Readiness() {
      @Override
      public boolean publisherReady() {
        return true;
      }

      @Override
      public boolean draining() {
        return true;
      }
    };
    HealthServer health = HealthServer.start("127.0.0.1", 0, draining, null);
    opened.add(health);

    HttpResponse<String> response = get(health.port(), "/health/ready");

    assertEquals(503, response.statusCode());
    assertTrue(json(response).get("draining").asBoolean());
  }

  @Test
  void metricsArePrometheusTextWithTheFrontsMeters() throws Exception {
    FrontServer server = startFront();

    HttpResponse<String> response = get(server.healthPort(), "/metrics");

    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
    assertTrue(response.body().contains("# TYPE fleetwire_connections gauge"), response.body());
    assertTrue(response.body().contains("fleetwire_publish_in_flight"), response.body());
  }

  @Test
  void unknownPathIs404WithAJsonError() throws Exception {
    FrontServer server = startFront();

    HttpResponse<String> response = get(server.healthPort(), "/health/nope");

    assertEquals(404, response.statusCode());
    assertEquals("/health/nope", json(response).get("detail").asText());
  }
}
