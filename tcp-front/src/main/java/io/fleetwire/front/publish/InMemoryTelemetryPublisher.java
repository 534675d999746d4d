package io.fleetwire.front.publish;

import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryPublisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Confirms every batch at once and only counts it: for load runs that measure the front itself.
 * Nothing is stored, so it gives no durability.
 */
public final class InMemoryTelemetryPublisher implements TelemetryPublisher {
  private final LongAdder batches = new LongAdder();
  private final LongAdder records = new LongAdder();

  @Override
  public CompletionStage<Void> publish(TelemetryBatch batch) {
    batches.increment();
    records.add(batch.records().size());
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public boolean isReady() {
    return true;
  }

  public long batchCount() {
    return batches.sum();
  }

  public long recordCount() {
    return records.sum();
  }
}
