package io.fleetwire.contract;

import java.util.concurrent.CompletionStage;

/**
 * Where the front hands decoded batches. The returned stage completes only when the batch is
 * durable (Service Bus send completed; locally: committed to the store); the device ack is
 * written in its success path and nowhere else (DESIGN rule 1).
 */
public interface TelemetryPublisher extends AutoCloseable {

  CompletionStage<Void> publish(TelemetryBatch batch);

  /** True while the publisher can publish; drives the readiness probe. */
  boolean isReady();

  @Override
  default void close() {
  }
}
