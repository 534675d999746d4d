package io.fleetwire.local.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fleetwire.functions.dashboard.DashboardAssets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves the real dashboard page (the main {@link DashboardAssets}) while every API route answers
 * 503 with the body the API sends when its store does not answer: a state the local stack cannot be put in
 * from outside, since its SQLite store is in the same process.
 */
final class StoreOutageServer implements AutoCloseable {

  static final String ERROR = "store_unavailable";
  static final String DETAIL = "the store is unavailable; try again shortly";

  private final HttpServer server;
  private final DashboardAssets assets = new DashboardAssets();

  private StoreOutageServer(HttpServer server) {
    this.server = server;
  }

  static StoreOutageServer start() {
    try {
      StoreOutageServer outage = new StoreOutageServer(
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
      outage.server.createContext("/", outage::serve);
      outage.server.start();
      return outage;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the outage server", e);
    }
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/api/")) {
        String body = "{\"error\":\"" + ERROR + "\",\"detail\":\"" + DETAIL + "\"}";
        send(exchange, 503, "application/json", body.getBytes(StandardCharsets.UTF_8));
        return;
      }
      Optional<DashboardAssets.Asset> asset = assets.find(path.substring(1));
      if (asset.isPresent()) {
        send(exchange, 200, asset.get().contentType(), asset.get().bytes());
      } else {
        send(exchange, 404, "text/plain", ("no asset at " + path).getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
