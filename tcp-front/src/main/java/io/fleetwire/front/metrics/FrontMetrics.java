package io.fleetwire.front.metrics;

import io.fleetwire.front.backpressure.BackpressureMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every counted reaction of the front (DESIGN rule 5). Names are Micrometer's dotted form; the
 * Prometheus registry renders them as {@code fleetwire_connections}, {@code fleetwire_logins_total}…
 */
public final class FrontMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Counter records;
  private final Counter recordAcks;
  private final Counter zeroAcks;
  private final Timer publishSucceeded;
  private final Timer publishFailed;
  private final BackpressureMetrics backpressure;
  // Tagged counters looked up once per tag value: the frame path runs tens of thousands of times a second.
  private final Map<String, Counter> logins = new ConcurrentHashMap<>();
  private final Map<String, Counter> frames = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejects = new ConcurrentHashMap<>();

  public FrontMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("fleetwire.connections", connections, AtomicInteger::get)
        .description("Open device connections")
        .register(registry);
    records = Counter.builder("fleetwire.records")
        .description("AVL records handed to the publisher")
        .register(registry);
    recordAcks = ackCounter("records");
    zeroAcks = ackCounter("zero");
    publishSucceeded = publishTimer("success");
    publishFailed = publishTimer("failure");
    backpressure = new BackpressureMetrics(registry, "devices");
  }

  /** Pauses, closes and discarded frames of devices that do not read their acks. */
  public BackpressureMetrics backpressure() {
    return backpressure;
  }

  private Counter ackCounter(String kind) {
    return Counter.builder("fleetwire.acks")
        .description("Acks written to devices: record counts, or 0 asking for a resend")
        .tag("kind", kind)
        .register(registry);
  }

  private Timer publishTimer(String outcome) {
    return Timer.builder("fleetwire.publish.latency")
        .description("Time from publish to the publisher's confirmation")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(registry);
  }

  private Counter tagged(Map<String, Counter> cache, String name, String description, String tag, String value) {
    return cache.computeIfAbsent(value,
        v -> Counter.builder(name).description(description).tag(tag, v).register(registry));
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public int connections() {
    return connections.get();
  }

  public void login(String outcome) {
    tagged(logins, "fleetwire.logins", "Logins by outcome", "outcome", outcome).increment();
  }

  public void frame(String codec) {
    tagged(frames, "fleetwire.frames", "Device frames by codec (login, keepalive, 8, 8E, 16, 12, corrupt…)", "codec",
        codec).increment();
  }

  public void records(int count) {
    records.increment(count);
  }

  public void recordAck() {
    recordAcks.increment();
  }

  public void zeroAck() {
    zeroAcks.increment();
  }

  public void reject(String reason) {
    tagged(rejects, "fleetwire.rejects", "Bad input and closed connections by reason", "reason", reason).increment();
  }

  public void published(long nanos, boolean succeeded) {
    (succeeded ? publishSucceeded : publishFailed).record(nanos, TimeUnit.NANOSECONDS);
  }

  public MeterRegistry registry() {
    return registry;
  }
}
