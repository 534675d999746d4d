package io.fleetwire.front.loopback;

import static io.fleetwire.front.loopback.LoopbackFront.PATIENCE;
import static io.fleetwire.front.loopback.LoopbackFront.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.testsupport.RecordingPublisher;
import io.fleetwire.testsupport.RecordingPublisher.Mode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Devices in the front's own JVM (the local demo) connect over the in-process listener: the same
 * pipeline and acks as TCP, without the two file descriptors a loopback connection costs.
 */
class InProcessDevicesTest {
  private static final int DEVICES = 2_000;
  /** Descriptors the JVM may open meanwhile for anything else (class loading, logs). */
  private static final long FD_SLACK = 100;

  @Test
  void thousandsOfInProcessDevicesAreAckedWithoutAFileDescriptorEach() throws Exception {
    UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    RecordingPublisher publisher = new RecordingPublisher(Mode.SUCCEED);
    try (LoopbackFront front = LoopbackFront.start(publisher);
        Simulation fleet = new Simulation(front.inProcessFleet().devices(DEVICES)
            .interval(Duration.ofMillis(200)).recordsPerFrame(2).rampUp(Duration.ofSeconds(1)).build())) {
      long fdsBefore = os.getOpenFileDescriptorCount();
      fleet.start();
      eventually("all devices online", () -> fleet.stats().devicesOnline() == DEVICES);

      assertEquals(DEVICES, front.connections(), "the front counts in-process connections as devices");
      long fdsOnline = os.getOpenFileDescriptorCount();
      assertTrue(fdsOnline - fdsBefore < FD_SLACK,
          DEVICES + " devices online took " + (fdsOnline - fdsBefore) + " file descriptors");

      eventually("a frame of every device acked", () -> fleet.stats().framesAcked() >= DEVICES);
      fleet.endProduction();
      assertTrue(fleet.awaitCompletion(PATIENCE), fleet.stats().summary());
      assertEquals(fleet.stats().recordsGenerated(), fleet.stats().recordsAcked(), fleet.stats().summary());
      Set<String> published = new HashSet<>();
      Set<String> imeis = new HashSet<>(fleet.imeis());
      for (TelemetryBatch batch : publisher.confirmedBatches()) {
        assertTrue(imeis.contains(batch.imei()), batch.imei());
        for (Record record : batch.records()) {
          assertTrue(published.add(record.id()), "published twice: " + record.id());
        }
      }
      assertEquals(fleet.stats().recordsAcked(), published.size());
    }
  }
}
