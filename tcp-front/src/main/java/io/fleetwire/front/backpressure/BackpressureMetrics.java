package io.fleetwire.front.backpressure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts how peers that do not read are handled, per listener ({@code devices}, {@code http},
 * {@code health}): {@code fleetwire.backpressure.pauses} (reading stopped because replies piled
 * up), {@code fleetwire.backpressure.closes} by reason, {@code fleetwire.backpressure.discarded}
 * (device frames dropped unacked while the device was not reading; it resends them).
 */
public final class BackpressureMetrics {
  private final MeterRegistry registry;
  private final String listener;
  private final Counter pauses;
  private final Counter discarded;
  private final Map<String, Counter> closes = new ConcurrentHashMap<>();

  public BackpressureMetrics(MeterRegistry registry, String listener) {
    this.registry = registry;
    this.listener = listener;
    this.pauses = Counter.builder("fleetwire.backpressure.pauses")
        .description("Reading stopped because the peer did not read its replies")
        .tag("listener", listener).register(registry);
    this.discarded = Counter.builder("fleetwire.backpressure.discarded")
        .description("Device frames dropped unacked while the device did not read (it resends them)")
        .tag("listener", listener).register(registry);
  }

  /** Counters in a registry of their own: for servers embedded without a metrics endpoint. */
  public static BackpressureMetrics unregistered(String listener) {
    return new BackpressureMetrics(new SimpleMeterRegistry(), listener);
  }

  public void paused() {
    pauses.increment();
  }

  public void discarded() {
    discarded.increment();
  }

  /** A connection closed by a backpressure or deadline rule, e.g. {@code unwritable}, {@code pipelining}. */
  public void closed(String reason) {
    closes.computeIfAbsent(reason, r -> Counter.builder("fleetwire.backpressure.closes")
        .description("Connections closed because the peer did not read or kept the server waiting")
        .tag("listener", listener).tag("reason", r).register(registry)).increment();
  }

  public double closes(String reason) {
    Counter counter = closes.get(reason);
    return counter == null ? 0 : counter.count();
  }

  public double pauses() {
    return pauses.count();
  }
}
