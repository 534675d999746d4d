package io.fleetwire.front.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
    registry.counter("fleetwire.logins", "outcome", outcome).increment();
  }

  public void frame(String codec) {
    registry.counter("fleetwire.frames", "codec", codec).increment();
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
    registry.counter("fleetwire.rejects", "reason", reason).increment();
  }

  public void published(long nanos, boolean succeeded) {
    (succeeded ? publishSucceeded : publishFailed).record(nanos, TimeUnit.NANOSECONDS);
  }

  public MeterRegistry registry() {
    return registry;
  }
}
