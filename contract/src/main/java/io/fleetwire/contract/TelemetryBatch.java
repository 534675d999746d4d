package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one device frame becomes: the records of one AVL packet, or the {@link DeviceMessage} of one
 * message frame, from one logged-in device. Its {@link #messageId()} is deterministic, so a resent
 * frame maps to the same id (Service Bus duplicate detection, DESIGN rule 2).
 *
 * <p>{@code messages} was added to schema version 1 without changing its number: it is left out of
 * the JSON when empty, so a batch of records reads and writes as before, and a batch written
 * before it existed reads with no messages.
 */
@JsonPropertyOrder({"schemaVersion", "imei", "receivedAt", "frontId", "codec", "records", "messages"})
public record TelemetryBatch(
    int schemaVersion,
    String imei,
    Instant receivedAt,
    String frontId,
    int codec,
    List<Record> records,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DeviceMessage> messages) {

  /** Version of this message's JSON form; ingest rejects versions it does not know. */
  public static final int SCHEMA_VERSION = 1;

  public TelemetryBatch {
    Objects.requireNonNull(imei, "imei");
    records = records == null ? List.of() : List.copyOf(records);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** A batch of records. */
  public TelemetryBatch(int schemaVersion, String imei, Instant receivedAt, String frontId, int codec,
      List<Record> records) {
    this(schemaVersion, imei, receivedAt, frontId, codec, records, List.of());
  }

  public static TelemetryBatch of(String imei, Instant receivedAt, String frontId, int codec,
      List<Record> records) {
    return new TelemetryBatch(SCHEMA_VERSION, imei, receivedAt, frontId, codec, records, List.of());
  }

  /** A batch carrying one device message. */
  public static TelemetryBatch ofMessage(DeviceMessage message, String frontId) {
    return new TelemetryBatch(SCHEMA_VERSION, message.imei(), message.receivedAt(), frontId, message.codec(),
        List.of(), List.of(message));
  }

  /** Deterministic id from the IMEI and the record and message ids: the same frame gives the same id. */
  public String messageId() {
    ContentHash hash = new ContentHash().add(imei);
    for (Record record : records) {
      hash.add(record.id());
    }
    for (DeviceMessage message : messages) {
      hash.add("m:" + message.id());
    }
    return hash.hex();
  }
}
