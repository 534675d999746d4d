package io.fleetwire.front.session;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.contract.registry.DeviceRegistry;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What every {@link DeviceSession} of one front shares: thread-safe collaborators only, so one
 * instance serves all connections. {@code draining} turns true when the front is shutting down.
 */
public record SessionServices(
    TelemetryPublisher publisher,
    DeviceRegistry registry,
    DeviceResponseListener responses,
    FrontMetrics metrics,
    PublishPermits permits,
    String frontId,
    Clock clock,
    BooleanSupplier draining,
    SessionEvents events) {

  /** Services for a front that sends devices nothing but login replies and acks. */
  public SessionServices(TelemetryPublisher publisher, DeviceRegistry registry, DeviceResponseListener responses,
      FrontMetrics metrics, PublishPermits permits, String frontId, Clock clock, BooleanSupplier draining) {
    this(publisher, registry, responses, metrics, permits, frontId, clock, draining, SessionEvents.none());
  }

  public SessionServices {
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(responses, "responses");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(permits, "permits");
    Objects.requireNonNull(frontId, "frontId");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(draining, "draining");
    Objects.requireNonNull(events, "events");
  }
}
