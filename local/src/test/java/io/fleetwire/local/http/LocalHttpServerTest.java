package io.fleetwire.local.http;

import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.dashboard.DashboardAssets;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalHttpServerTest {

  @Test
  void closingTheServerClosesOpenKeepAliveConnections() throws Exception {
    FleetApi api = new FleetApi(new InMemoryTelemetryStore(), () -> true, Clock.systemUTC());
    LocalHttpServer server = LocalHttpServer.start("127.0.0.1", 0, api, new DashboardAssets());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      assertEquals(12, in.readNBytes(head, 0, 12));
      assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));

      server.close();

      // the rest of the response, then end of stream: a read timeout (10 s) would fail the test
      in.readAllBytes();
    }
  }

  /** The dashboard asks for the devices changed since its previous answer, in the server's own clock. */
  @Test
  void apiAnswersCarryTheServersDate() throws Exception {
    FleetApi api = new FleetApi(new InMemoryTelemetryStore(), () -> true, Clock.systemUTC());
    LocalHttpServer server = LocalHttpServer.start("127.0.0.1", 0, api, new DashboardAssets());
    try {
      Instant before = Instant.now().minusSeconds(1);
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/devices"))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      Instant after = Instant.now().plusSeconds(1);

      assertEquals(200, response.statusCode());
      String header = response.headers().firstValue("Date").orElseThrow();
      Instant date = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      assertTrue(!date.isBefore(before) && !date.isAfter(after), header);
    } finally {
      server.close();
    }
  }
}
