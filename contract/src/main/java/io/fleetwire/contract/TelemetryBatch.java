package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one device frame becomes: the records of one AVL packet from one logged-in device.
 * Its {@link #messageId()} is deterministic, so a resent frame maps to the same id
 * (Service Bus duplicate detection, DESIGN rule 2).
 */
@JsonPropertyOrder({"schemaVersion", "imei", "receivedAt", "frontId", "codec", "records"})
public record TelemetryBatch(
    int schemaVersion,
    String imei,
    Instant receivedAt,
    String frontId,
    int codec,
    List<Record> records) {

  /** Version of this message's JSON form; ingest rejects versions it does not know. */
  public static final int SCHEMA_VERSION = 1;

  public TelemetryBatch {
    Objects.requireNonNull(imei, "imei");
    records = List.copyOf(records);
  }

  public static TelemetryBatch of(String imei, Instant receivedAt, String frontId, int codec,
      List<Record> records) {
    return new TelemetryBatch(SCHEMA_VERSION, imei, receivedAt, frontId, codec, records);
  }

  /** Deterministic id from the IMEI and the record ids: the same frame gives the same id. */
  public String messageId() {
    ContentHash hash = new ContentHash().add(imei);
    for (Record record : records) {
      hash.add(record.id());
    }
    return hash.hex();
  }
}
