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

  @Test
  void servesTheFleetRoutesWithTheServersDate() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    store.register("356307042441013", "Van 7");
    FleetApi api = new FleetApi(store, () -> true, Clock.systemUTC());
    try (LocalHttpServer server = LocalHttpServer.start("127.0.0.1", 0, api, new DashboardAssets())) {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port() + "/api/";
      HttpResponse<String> summary = client.send(HttpRequest.newBuilder(URI.create(base + "fleet/summary")).build(),
          HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> map = client.send(HttpRequest.newBuilder(
          URI.create(base + "fleet/map?bbox=-180,-85,180,85&zoom=1")).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(200, summary.statusCode(), summary.body());
      assertEquals("{\"devices\":1,\"online\":0,\"offline\":1,\"moving\":0,\"openAlerts\":0}", summary.body());
      assertEquals(200, map.statusCode(), map.body());
      assertEquals("{\"clusters\":[],\"devices\":[]}", map.body());
      Instant date = ZonedDateTime.parse(summary.headers().firstValue("Date").orElseThrow(),
          DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      assertTrue(Duration.between(date, Instant.now()).abs().getSeconds() <= 5, "Date " + date);
    }
  }
}
