package io.fleetwire.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.http.HttpLimits;
import io.fleetwire.functions.api.ApiConformanceCases;
import io.fleetwire.functions.dashboard.DashboardAssets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and limits of the local HTTP server over real sockets, and the answers to requests
 * Netty or the API cannot take: every one a JSON error with the status that names the problem.
 */
class HttpEdgesTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
  private static final int MAX_CONNECTIONS = 3;
  private static final String IMEI = ApiConformanceCases.TRACKED_IMEI;

  private LocalHttpServer server;

  @BeforeEach
  void start() throws InterruptedException {
    HttpLimits limits = HttpLimits.defaults(LocalHttpServer.MAX_REQUEST_BYTES).withMaxConnections(MAX_CONNECTIONS)
        .withTimeouts(HEADER_TIMEOUT, Duration.ofSeconds(2), IDLE_TIMEOUT, Duration.ofSeconds(2));
    server = LocalHttpServer.start("127.0.0.1", 0, ApiConformanceCases.api(ApiConformanceCases.seededStore()),
        new DashboardAssets(), HttpAccess.open(), limits, null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void halfSentHeadersAreAnswered408AtTheHeaderDeadline() throws Exception {
    RawHttp.Reply reply = RawHttp.send(server.port(), "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1");

    assertEquals(408, reply.status());
    assertEquals("header_timeout", reply.json().get("error").asText());
    assertTrue(reply.millis() < HEADER_TIMEOUT.toMillis() + 1_500, "closed after " + reply.millis() + " ms");
    assertEquals(1, server.backpressure().closes("header-timeout"));
  }

  @Test
  void idleKeepAliveConnectionIsClosed() throws Exception {
    long started = System.nanoTime();
    try (Socket socket = connect()) {
      socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Reply reply = RawHttp.read(socket.getInputStream(), started);
      assertEquals(200, reply.status());
      assertTrue(reply.millis() >= IDLE_TIMEOUT.toMillis() - 100 && reply.millis() < IDLE_TIMEOUT.toMillis() + 2_000,
          "closed after " + reply.millis() + " ms");
    }
    assertEquals(1, server.backpressure().closes("idle-timeout"));
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
    List<Socket> held = List.of(connect(), connect(), connect());
    try (Socket extra = connect()) {
      extra.setSoTimeout(5_000);
      assertEquals(-1, extra.getInputStream().read(), "a connection beyond the limit was kept open");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    assertEquals(1, server.backpressure().closes("max-connections"));
  }

  @Test
  void oversizedUriIs414AndOversizedHeadersAre431() throws Exception {
    RawHttp.Reply longUri = RawHttp.send(server.port(),
        RawHttp.request("GET", "/api/devices?q=" + "x".repeat(8_000), "localhost"));
    assertEquals(414, longUri.status());
    assertEquals("uri_too_long", longUri.json().get("error").asText());

    RawHttp.Reply bigHeaders = RawHttp.send(server.port(),
        RawHttp.request("GET", "/api/devices", "localhost", "X-Big: " + "y".repeat(20_000)));
    assertEquals(431, bigHeaders.status());
    assertEquals("headers_too_large", bigHeaders.json().get("error").asText());

    RawHttp.Reply garbage = RawHttp.send(server.port(), "GET /api/health HTTP/9.x\r\nHost: localhost\r\n\r\n");
    assertEquals(400, garbage.status());
    assertEquals("bad_request", garbage.json().get("error").asText());
  }

  @Test
  void extremeTimesAndDatesAre400WithJsonErrors() throws Exception {
    for (String path : List.of(
        "/api/devices/" + IMEI + "/positions?from=-999999999-01-01T00:00:00Z",
        "/api/devices/" + IMEI + "/positions?to=%2B999999999-12-31T23:59:59Z",
        "/api/devices/" + IMEI + "/report?from=-1000000000-01-01T00:00:00Z&to=1970-01-01T00:00:00Z",
        "/api/reports/daily?date=%2B999999999-12-31",
        "/api/reports/daily?date=-999999999-01-01")) {
      RawHttp.Reply reply = RawHttp.send(server.port(), RawHttp.request("GET", path, "localhost"));
      assertEquals(400, reply.status(), path + " -> " + reply.body());
      assertTrue(reply.json().get("detail").isTextual(), reply.body());
    }
  }

  @Test
  void errorBodiesAreValidJsonWhateverThePathHolds() throws Exception {
    RawHttp.Reply reply = RawHttp.send(server.port(),
        RawHttp.request("GET", "/no%22such%5C\\page\"}", "localhost"));
    assertEquals(404, reply.status());
    assertTrue(reply.json().get("detail").asText().contains("no\"such"), reply.body());
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }
}
