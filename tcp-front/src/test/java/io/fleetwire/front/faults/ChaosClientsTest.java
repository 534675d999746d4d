package io.fleetwire.front.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.chaos.ChaosFleet;
import io.fleetwire.simulator.chaos.ChaosKind;
import io.fleetwire.testsupport.RecordingPublisher;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile clients of each kind against a live front: the well-behaved devices beside them keep
 * being acked and the front stays ready.
 */
class ChaosClientsTest {
  private static final int CHAOS_CLIENTS = 4;

  @ParameterizedTest
  @EnumSource(ChaosKind.class)
  void wellBehavedDevicesKeepBeingAckedWhileChaosClientsMisbehave(ChaosKind kind) throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(RecordingPublisher.Mode.SUCCEED);
    try (FrontServer front = LiveFront.start(publisher, Duration.ofMillis(500), Duration.ofSeconds(2));
         Simulation devices = LiveFront.devices(front.port(), 3, Duration.ofMillis(50));
         ChaosFleet chaos = new ChaosFleet(new ChaosFleet.Plan("127.0.0.1", front.port(),
             List.of(kind), CHAOS_CLIENTS, List.of(), Duration.ofMillis(50), Duration.ofMillis(20),
             0, 7))) {
      assertTrue(LiveFront.eventually(() -> devices.stats().recordsAcked() > 0), "devices acked");
      chaos.start();
      // A slow client completes its frames, so nothing ends its connection; the others reconnect.
      long connections = kind == ChaosKind.SLOW ? CHAOS_CLIENTS : 2L * CHAOS_CLIENTS;
      assertTrue(LiveFront.eventually(() -> chaos.stats().connects(kind) >= connections),
          "chaos clients connected: " + chaos.stats().summary());

      long ackedDuringChaos = devices.stats().recordsAcked();
      assertTrue(LiveFront.eventually(() -> devices.stats().recordsAcked() >= ackedDuringChaos + 20),
          "acks kept rising beside " + chaos.stats().summary());
      assertTrue(front.isReady(), "front still ready");
      if (kind == ChaosKind.GARBAGE || kind == ChaosKind.OVERSIZED || kind == ChaosKind.SILENT) {
        assertTrue(chaos.stats().closedByFront(kind) > 0,
            "the front closed " + kind.label() + " connections: " + chaos.stats().summary());
      }
    }
  }
}
