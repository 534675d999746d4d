package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A queue message carrying many batches from many devices (DESIGN: "Queue messages and cost at
 * scale"). Consumers unpack it; the idempotent store makes a redelivery harmless.
 */
@JsonPropertyOrder({"schemaVersion", "batches"})
public record TelemetryEnvelope(int schemaVersion, List<TelemetryBatch> batches) {

  public TelemetryEnvelope {
    batches = List.copyOf(batches);
  }

  public static TelemetryEnvelope of(List<TelemetryBatch> batches) {
    return new TelemetryEnvelope(TelemetryBatch.SCHEMA_VERSION, batches);
  }

  public int recordCount() {
    return batches.stream().mapToInt(b -> b.records().size()).sum();
  }

  /** Deterministic id from the batch ids. */
  public String messageId() {
    ContentHash hash = new ContentHash();
    for (TelemetryBatch batch : batches) {
      hash.add(batch.messageId());
    }
    return hash.hex();
  }
}
