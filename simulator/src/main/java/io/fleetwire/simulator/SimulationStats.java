package io.fleetwire.simulator;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a {@link Simulation}, safe to read from any thread while it runs. "Sent"
 * counts each record's first transmission, "resent" every further one; in a run without loss
 * {@code recordsAcked == recordsSent} at the end. Devices report into it through the
 * {@code on...} methods.
 */
public final class SimulationStats {
  private final LongAdder recordsGenerated = new LongAdder();
  private final LongAdder recordsDropped = new LongAdder();
  private final LongAdder recordsSent = new LongAdder();
  private final LongAdder recordsResent = new LongAdder();
  private final LongAdder recordsAcked = new LongAdder();
  private final LongAdder framesSent = new LongAdder();
  private final LongAdder framesAcked = new LongAdder();
  private final LongAdder shortAcks = new LongAdder();
  private final LongAdder ackTimeouts = new LongAdder();
  private final LongAdder connects = new LongAdder();
  private final LongAdder reconnects = new LongAdder();
  private final LongAdder connectFailures = new LongAdder();
  private final LongAdder rejectedLogins = new LongAdder();
  private final LongAdder keepAlives = new LongAdder();
  private final AtomicInteger online = new AtomicInteger();
  private final LatencyHistogram ackLatency = new LatencyHistogram();

  public void onGenerated(int records) {
    recordsGenerated.add(records);
  }

  public void onDropped(int records) {
    recordsDropped.add(records);
  }

  public void onFrameSent(int firstTime, int again) {
    framesSent.increment();
    recordsSent.add(firstTime);
    recordsResent.add(again);
  }

  public void onAck(int records, boolean shortAck, long latencyNanos) {
    framesAcked.increment();
    recordsAcked.add(records);
    if (shortAck) {
      shortAcks.increment();
    }
    ackLatency.recordNanos(latencyNanos);
  }

  public void onAckTimeout() {
    ackTimeouts.increment();
  }

  public void onConnect(boolean reconnect) {
    connects.increment();
    if (reconnect) {
      reconnects.increment();
    }
  }

  public void onConnectFailure() {
    connectFailures.increment();
  }

  public void onLogin(boolean accepted) {
    if (accepted) {
      online.incrementAndGet();
    } else {
      rejectedLogins.increment();
    }
  }

  public void onOffline() {
    online.decrementAndGet();
  }

  public void onKeepAlive() {
    keepAlives.increment();
  }

  public long recordsGenerated() {
    return recordsGenerated.sum();
  }

  /** Records pushed out of a full device buffer before they were acked. */
  public long recordsDropped() {
    return recordsDropped.sum();
  }

  public long recordsSent() {
    return recordsSent.sum();
  }

  public long recordsResent() {
    return recordsResent.sum();
  }

  public long recordsAcked() {
    return recordsAcked.sum();
  }

  public long framesSent() {
    return framesSent.sum();
  }

  public long framesAcked() {
    return framesAcked.sum();
  }

  /** Acks that counted fewer records than the frame held. */
  public long shortAcks() {
    return shortAcks.sum();
  }

  public long ackTimeouts() {
    return ackTimeouts.sum();
  }

  /** Successful TCP connects, the first of each device included. */
  public long connects() {
    return connects.sum();
  }

  /** Successful TCP connects after a device's first one. */
  public long reconnects() {
    return reconnects.sum();
  }

  public long connectFailures() {
    return connectFailures.sum();
  }

  public long rejectedLogins() {
    return rejectedLogins.sum();
  }

  public long keepAlives() {
    return keepAlives.sum();
  }

  /** Devices currently logged in. */
  public int devicesOnline() {
    return online.get();
  }

  public LatencyHistogram ackLatency() {
    return ackLatency;
  }

  /** One line for progress and final output. */
  public String summary() {
    return String.format(Locale.ROOT,
        "online=%d sent=%d acked=%d resent=%d dropped=%d frames=%d/%d shortAcks=%d ackTimeouts=%d "
            + "connects=%d reconnects=%d connectFailures=%d rejectedLogins=%d "
            + "ackLatencyMs p50=%.2f p95=%.2f p99=%.2f",
        devicesOnline(), recordsSent(), recordsAcked(), recordsResent(), recordsDropped(),
        framesAcked(), framesSent(), shortAcks(), ackTimeouts(), connects(), reconnects(),
        connectFailures(), rejectedLogins(), ackLatency.percentileMillis(50),
        ackLatency.percentileMillis(95), ackLatency.percentileMillis(99));
  }
}
