package io.fleetwire.front.faults;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** A front on an ephemeral loopback port and simulated devices against it, for fault tests. */
final class LiveFront {
  static final Duration WAIT = Duration.ofSeconds(20);

  private LiveFront() {
  }

  static FrontServer start(RecordingPublisher publisher, Duration idleTimeout, Duration drainTimeout) {
    return FrontServer.start(FrontConfig.defaults().withHost("127.0.0.1").withPort(0)
            .withHealthPort(FrontConfig.NO_HEALTH_PORT).withIdleTimeout(idleTimeout)
            .withDrainTimeout(drainTimeout).withFrontId("front-faults"),
        publisher, DeviceRegistry.open(), new SimpleMeterRegistry());
  }

  /** Devices sending one record every {@code interval}, resending after a 1 s ack timeout. */
  static Simulation devices(int port, int count, Duration interval) {
    Simulation simulation = new Simulation(SimulationConfig.builder().host("127.0.0.1").port(port)
        .devices(count).interval(interval).ackTimeout(Duration.ofSeconds(1))
        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)).ioThreads(1).build());
    simulation.start();
    return simulation;
  }

  /** Polls {@code condition} until it holds or {@link #WAIT} passes; true if it held. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  static Set<String> ackedIds(Simulation simulation) {
    return ids(simulation.ackedRecords().values().stream().flatMap(Collection::stream).toList());
  }

  static Set<String> ids(List<Record> records) {
    return records.stream().map(Record::id).collect(Collectors.toSet());
  }

  /** Record ids of every batch whose publish completed, with how often each was published. */
  static Map<String, Long> confirmedIdCounts(RecordingPublisher publisher) {
    return publisher.confirmedBatches().stream().map(TelemetryBatch::records)
        .flatMap(List::stream)
        .collect(Collectors.groupingBy(Record::id, Collectors.counting()));
  }
}
