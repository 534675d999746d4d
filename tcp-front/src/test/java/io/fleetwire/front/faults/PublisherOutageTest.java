package io.fleetwire.front.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.testsupport.RecordingPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The publisher (Service Bus, or the local queue) fails for a while under load, then recovers:
 * nothing is acked while it is down, and afterwards every acked record was durably published.
 */
class PublisherOutageTest {

  @Test
  void noAckWhileThePublisherIsDownAndEveryAckedRecordPublishedAfterRecovery() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(RecordingPublisher.Mode.SUCCEED);
    try (FrontServer front = LiveFront.start(publisher, Duration.ofSeconds(30), Duration.ofSeconds(2));
         Simulation devices = LiveFront.devices(front.port(), 4, Duration.ofMillis(50))) {
      assertTrue(LiveFront.eventually(() -> devices.stats().recordsAcked() >= 20));

      publisher.setMode(RecordingPublisher.Mode.FAIL);
      int outageStart = publisher.count();
      assertTrue(LiveFront.eventually(() -> publisher.count() >= outageStart + 5));
      long ackedEarlyInOutage = devices.stats().recordsAcked();
      assertTrue(LiveFront.eventually(() -> publisher.count() >= outageStart + 25),
          "devices kept resending into the outage");
      assertEquals(ackedEarlyInOutage, devices.stats().recordsAcked(), "acks while publisher down");

      publisher.setMode(RecordingPublisher.Mode.SUCCEED);
      devices.endProduction();
      assertTrue(devices.awaitCompletion(LiveFront.WAIT), "devices drained their buffers");

      Set<String> acked = LiveFront.ackedIds(devices);
      Map<String, Long> published = LiveFront.confirmedIdCounts(publisher);
      assertEquals(0, devices.stats().recordsDropped(), "no record dropped by a device");
      assertEquals(devices.stats().recordsGenerated(), acked.size(), "every record acked once");
      assertTrue(published.keySet().containsAll(acked), "every acked record was published");
      assertTrue(devices.stats().recordsResent() > 0, "the outage made devices resend");
    }
  }
}
