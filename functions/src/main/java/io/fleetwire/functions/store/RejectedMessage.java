package io.fleetwire.functions.store;

import java.time.Instant;

/** A queue message ingest could not process, kept with its reason. {@code imei} may be null. */
public record RejectedMessage(String id, Instant at, String imei, String reason, String body) {
}
