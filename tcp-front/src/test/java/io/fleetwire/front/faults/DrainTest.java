package io.fleetwire.front.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.testsupport.RecordingPublisher;
import io.fleetwire.testsupport.RecordingPublisher.Publication;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shutdown (what the SIGTERM hook runs: {@link FrontServer#close()}) while frames are in flight:
 * each frame is either published and acked, or not acked; none is acked and lost.
 */
class DrainTest {
  private static final int DEVICES = 4;

  @Test
  void framesInFlightAtShutdownAreAckedOnlyIfPublished() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(RecordingPublisher.Mode.MANUAL);
    FrontServer front = LiveFront.start(publisher, Duration.ofSeconds(30), Duration.ofSeconds(1));
    try (Simulation devices = new Simulation(SimulationConfig.builder().host("127.0.0.1")
        .port(front.port()).devices(DEVICES).interval(Duration.ofMillis(20))
        .ackTimeout(Duration.ofSeconds(30)).ioThreads(1).build())) {
      devices.start();
      // Each device sends one frame and waits for its ack: one publish in flight per device.
      assertTrue(LiveFront.eventually(() -> publisher.count() == DEVICES));

      CompletableFuture<Void> shutdown = CompletableFuture.runAsync(front::close);
      assertTrue(LiveFront.eventually(front::isDraining));
      List<Publication> inFlight = publisher.publications();
      inFlight.get(0).complete();
      inFlight.get(1).complete();
      shutdown.get(LiveFront.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      inFlight.get(2).complete();

      Set<String> published = new HashSet<>(LiveFront.ids(inFlight.get(0).batch().records()));
      published.addAll(LiveFront.ids(inFlight.get(1).batch().records()));
      assertTrue(LiveFront.eventually(() -> LiveFront.ackedIds(devices).equals(published)),
          "frames published during the drain were acked before the connections closed");
      Set<String> acked = LiveFront.ackedIds(devices);
      assertEquals(published, acked);
      assertFalse(acked.containsAll(LiveFront.ids(inFlight.get(2).batch().records())),
          "a publish completed after the drain ended cannot be acked");
      assertFalse(acked.containsAll(LiveFront.ids(inFlight.get(3).batch().records())),
          "a publish never completed is not acked");
      assertEquals(DEVICES, publisher.count(), "no frame read after the drain began");
    } finally {
      front.close();
    }
  }
}
