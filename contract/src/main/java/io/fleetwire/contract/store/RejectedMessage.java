package io.fleetwire.contract.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A queue message (or one record of it) ingest could not process, kept with its reason.
 * {@code id} is the message id, or the record id for a single invalid record; {@code imei} and
 * {@code body} may be null.
 */
public record RejectedMessage(String id, Instant at, String imei, String reason, String body) {
  public RejectedMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }
}
