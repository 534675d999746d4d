package io.fleetwire.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.fleetwire.contract.Json;
import io.fleetwire.functions.alert.WebhookSignature;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on loopback that checks every signature and can refuse the first deliveries. */
final class WebhookReceiver implements AutoCloseable {
  /** One accepted delivery: its id header, the alert JSON, whether the signature verified. */
  record Delivery(String id, JsonNode alert, boolean signed) {
  }

  private final HttpServer server;
  private final List<Delivery> accepted = new CopyOnWriteArrayList<>();
  private final AtomicInteger refuse = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  WebhookReceiver(String secret) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/alerts", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (refuse.getAndDecrement() > 0) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(500, -1);
        exchange.close();
        return;
      }
      String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
      accepted.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Fleetwire-Delivery"),
          Json.mapper().readTree(body), WebhookSignature.verifies(secret, body, signature)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
  }

  /** The next {@code n} deliveries are answered 500. */
  void refuseNext(int n) {
    refuse.set(n);
  }

  int refusedCount() {
    return refused.get();
  }

  List<Delivery> accepted() {
    return List.copyOf(accepted);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
