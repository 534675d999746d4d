package io.fleetwire.functions.alert;

import com.sun.net.httpserver.HttpServer;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookDeliveryTest {
  private static final String SECRET = "s3cret-shared-with-the-receiver";
  private static final Alert ALERT = new Alert("0123456789abcdef0123456789abcdef", "r1", "356307042441013",
      AlertKind.TEMPERATURE_ABOVE, Instant.parse("2026-07-01T22:15:00Z"), 9.5, 54.0, 25.0, AlertStatus.OPEN, null);

  private record Received(byte[] body, String signature, String delivery, String contentType) {
  }

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Fleetwire-Signature"),
          exchange.getRequestHeaders().getFirst("X-Fleetwire-Delivery"),
          exchange.getRequestHeaders().getFirst("Content-Type")));
      int status = failFirst.getAndDecrement() > 0 ? 503 : 204;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private URI hook() {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @Test
  void postsTheAlertSignedSoTheReceiverCanVerifyIt() {
    WebhookDelivery.Outcome outcome = new WebhookDelivery(hook(), SECRET).deliver(ALERT);

    assertTrue(outcome.delivered(), outcome.detail());
    Received got = received.get(0);
    assertTrue(WebhookSignature.verifies(SECRET, got.body(), got.signature()), got.signature());
    assertFalse(WebhookSignature.verifies("another secret", got.body(), got.signature()));
    assertEquals(ALERT.id() + ":open", got.delivery());
    assertEquals("application/json", got.contentType());
    assertTrue(new String(got.body()).contains("\"state\":\"open\""), new String(got.body()));
  }

  @Test
  void aReceiverThatFailsIsAFailureWithTheStatusAndTheNextAttemptSucceeds() {
    failFirst.set(1);
    WebhookDelivery delivery = new WebhookDelivery(hook(), SECRET);

    WebhookDelivery.Outcome first = delivery.deliver(ALERT);
    WebhookDelivery.Outcome second = delivery.deliver(ALERT);

    assertFalse(first.delivered());
    assertEquals("HTTP 503", first.detail());
    assertTrue(second.delivered());
    assertEquals(received.get(0).delivery(), received.get(1).delivery(), "the same delivery id: the receiver can deduplicate");
  }

  @Test
  void aReceiverThatIsDownIsAFailureNotAnException() {
    receiver.stop(0);

    WebhookDelivery.Outcome outcome = new WebhookDelivery(hook(), SECRET).deliver(ALERT);

    assertFalse(outcome.delivered());
    assertTrue(outcome.detail().contains("ConnectException"), outcome.detail());
  }

  @Test
  void theSignatureIsTheHmacOfTheBody() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        WebhookSignature.of("Jefe", "what do ya want for nothing?".getBytes()));
  }
}
