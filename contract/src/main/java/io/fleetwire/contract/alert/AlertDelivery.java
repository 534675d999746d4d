package io.fleetwire.contract.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of one alert (opened or closed) waiting to reach the webhook: the outbox entry that
 * makes delivery survive restarts. {@code id} is {@code <alert id>:<state>}, the
 * {@code X-Fleetwire-Delivery} header, so the same change is queued once however often it is
 * evaluated. {@code nextAttemptAt} is null once it was delivered or abandoned.
 */
public record AlertDelivery(
    String id,
    Alert alert,
    Instant changedAt,
    int attempts,
    Instant nextAttemptAt,
    Status status,
    String lastError) {

  public enum Status { PENDING, DELIVERED, ABANDONED }

  public AlertDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(status, "status");
  }

  /** The delivery a change starts: due at once. */
  public static AlertDelivery of(Alert change, Instant now) {
    return new AlertDelivery(idOf(change), change, now, 0, now, Status.PENDING, null);
  }

  public static String idOf(Alert change) {
    return change.id() + ':' + change.state().json();
  }
}
