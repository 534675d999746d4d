package io.fleetwire.functions.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.alert.Alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * POSTs an opened or closed alert to the configured webhook as JSON, signed (DESIGN "Alerts"):
 * {@code X-Fleetwire-Signature} over the exact body bytes and {@code X-Fleetwire-Delivery:
 * <alert id>:<state>}, the receiver's idempotency key. A 2xx answer ends the deliveries of that
 * change; anything else, or no answer in time, is a failure the outbox retries.
 */
public final class WebhookDelivery {
  public static final String DELIVERY_HEADER = "X-Fleetwire-Delivery";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  /** What one attempt came to; {@code detail} says why a failed one failed. */
  public record Outcome(boolean delivered, String detail) {
  }

  private final URI url;
  private final String secret;
  private final HttpClient client;

  public WebhookDelivery(URI url, String secret) {
    this(url, secret, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build());
  }

  WebhookDelivery(URI url, String secret, HttpClient client) {
    this.url = Objects.requireNonNull(url, "url");
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException("webhook URL must be http or https, got " + url);
    }
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook needs a secret to sign its deliveries");
    }
    this.secret = secret;
    this.client = client;
  }

  /** The body a change is delivered with: the alert as JSON. */
  public static byte[] body(Alert alert) {
    try {
      return Json.mapper().writeValueAsBytes(alert);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alert is not writable as JSON", e);
    }
  }

  public Outcome deliver(Alert alert) {
    byte[] body = body(alert);
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
        .header(DELIVERY_HEADER, alert.id() + ':' + alert.state().json())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status / 100 == 2 ? new Outcome(true, "HTTP " + status) : new Outcome(false, "HTTP " + status);
    } catch (IOException e) {
      return new Outcome(false, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }
}
