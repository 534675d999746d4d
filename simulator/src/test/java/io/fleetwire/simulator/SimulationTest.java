package io.fleetwire.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.Record;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.vehicle.FleetLayout;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimulationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static SimulationConfig.Builder against(FakeFront front) {
    return SimulationConfig.builder()
        .port(front.port())
        .interval(Duration.ofMillis(20))
        .ackTimeout(Duration.ofMillis(500))
        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .drainTimeout(Duration.ofSeconds(5))
        .ioThreads(1);
  }

  @ParameterizedTest
  @EnumSource(Codec.class)
  void everyRecordIsAckedOnceUnderItsOwnImei(Codec codec) throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).devices(3).recordsPerFrame(4).maxFrames(3)
            .codec(codec).build())) {
      sim.start();
      assertTrue(sim.awaitCompletion(WAIT));

      assertEquals(Set.copyOf(sim.imeis()), Set.copyOf(front.logins()));
      Map<String, List<Record>> acked = sim.ackedRecords();
      Set<String> ids = new HashSet<>();
      for (String imei : sim.imeis()) {
        assertEquals(12, acked.get(imei).size());
        for (Record record : acked.get(imei)) {
          assertEquals(imei, record.imei());
          assertTrue(ids.add(record.id()), "duplicate id " + record.id());
        }
      }
      assertEquals(36, sim.stats().recordsAcked());
      assertEquals(36, sim.stats().recordsSent());
      assertEquals(0, sim.stats().recordsResent());
    }
  }

  @Test
  void resendsTheSameFrameBytesAfterAMissingAck() throws Exception {
    try (FakeFront front = new FakeFront(true,
            (index, records) -> index == 0 ? FakeFront.Reply.silence() : FakeFront.Reply.ack(records));
        Simulation sim = new Simulation(against(front).recordsPerFrame(2).maxFrames(1).build())) {
      sim.start();
      FakeFront.Frame unacked = front.nextFrame();
      FakeFront.Frame resent = front.nextFrame();
      assertTrue(sim.awaitCompletion(WAIT));

      assertArrayEquals(unacked.bytes(), resent.bytes());
      assertNotEquals(unacked.connection(), resent.connection());
      assertEquals(1, sim.stats().ackTimeouts());
      assertEquals(1, sim.stats().reconnects());
      assertEquals(2, sim.stats().recordsResent());
      assertEquals(2, sim.ackedRecords().get(sim.imeis().get(0)).size());
    }
  }

  @Test
  void resendsOnlyTheRecordsAShortAckLeftOut() throws Exception {
    try (FakeFront front = new FakeFront(true,
            (index, records) -> FakeFront.Reply.ack(index == 0 ? 1 : records));
        Simulation sim = new Simulation(against(front).recordsPerFrame(3).maxFrames(1).build())) {
      sim.start();
      FakeFront.Frame first = front.nextFrame();
      FakeFront.Frame second = front.nextFrame();
      assertTrue(sim.awaitCompletion(WAIT));

      assertEquals(3, first.records());
      assertEquals(2, second.records());
      byte[] all = first.recordBytes();
      byte[] rest = second.recordBytes();
      assertArrayEquals(rest, Arrays.copyOfRange(all, all.length - rest.length, all.length));
      assertEquals(1, sim.stats().shortAcks());
      assertEquals(2, sim.stats().recordsResent());
      assertEquals(3, sim.stats().recordsAcked());
      assertEquals(3, sim.ackedRecords().get(sim.imeis().get(0)).size());
    }
  }

  @Test
  void resendsTheSameFrameBytesAfterAZeroAck() throws Exception {
    try (FakeFront front = new FakeFront(true,
            (index, records) -> FakeFront.Reply.ack(index == 0 ? 0 : records));
        Simulation sim = new Simulation(against(front).recordsPerFrame(2).maxFrames(1).build())) {
      sim.start();
      FakeFront.Frame refused = front.nextFrame();
      FakeFront.Frame resent = front.nextFrame();
      assertTrue(sim.awaitCompletion(WAIT));

      assertArrayEquals(refused.bytes(), resent.bytes());
      assertEquals(refused.connection(), resent.connection());
      assertEquals(2, sim.stats().recordsAcked());
    }
  }

  @Test
  void rejectedLoginEndsTheDevice() throws Exception {
    try (FakeFront front = new FakeFront(false, (index, records) -> FakeFront.Reply.ack(records));
        Simulation sim = new Simulation(against(front).devices(2).maxFrames(5).build())) {
      sim.start();
      assertTrue(sim.awaitCompletion(WAIT));

      assertEquals(2, sim.stats().rejectedLogins());
      assertEquals(2, sim.stats().connects());
      assertEquals(0, sim.stats().reconnects());
      assertEquals(0, sim.stats().framesSent());
    }
  }

  @Test
  void reconnectsAndResendsAfterTheServerClosesTheConnection() throws Exception {
    try (FakeFront front = new FakeFront(true, (index, records) -> index == 0
            ? FakeFront.Reply.closeConnection() : FakeFront.Reply.ack(records));
        Simulation sim = new Simulation(against(front).recordsPerFrame(2).maxFrames(2).build())) {
      sim.start();
      FakeFront.Frame dropped = front.nextFrame();
      FakeFront.Frame resent = front.nextFrame();
      assertTrue(sim.awaitCompletion(WAIT));

      assertArrayEquals(dropped.bytes(), resent.bytes());
      assertEquals(1, sim.stats().reconnects());
      assertEquals(2, front.logins().size());
      assertEquals(4, sim.stats().recordsAcked());
    }
  }

  @Test
  void sendsKeepAliveWhenIdle() throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).interval(Duration.ofSeconds(60))
            .keepAlive(Duration.ofMillis(30)).build())) {
      sim.start();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (front.keepAlives() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(front.keepAlives() > 0);
    }
  }

  @Test
  void durationEndsProductionAndDrainsTheBuffer() throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).devices(2).recordsPerFrame(2)
            .duration(Duration.ofMillis(200)).build())) {
      sim.start();
      assertTrue(sim.awaitCompletion(WAIT));

      assertTrue(sim.stats().recordsAcked() > 0);
      assertEquals(sim.stats().recordsGenerated(), sim.stats().recordsAcked());
    }
  }

  @Test
  void keepsAtMostBufferCapacityRecordsWhileUnacked() throws Exception {
    try (FakeFront front = new FakeFront(true, (index, records) -> FakeFront.Reply.silence());
        Simulation sim = new Simulation(against(front).interval(Duration.ofMillis(5))
            .ackTimeout(Duration.ofSeconds(30)).bufferCapacity(5).maxFrames(20).build())) {
      sim.start();
      front.nextFrame();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (sim.stats().recordsGenerated() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(20, sim.stats().recordsGenerated());
      assertEquals(15, sim.stats().recordsDropped());
      assertEquals(0, sim.stats().recordsAcked());
    }
  }

  @Test
  void connectsFromTheGivenSourceAddresses() throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).devices(4).maxFrames(1)
            .sourceAddresses(List.of("127.0.0.2", "127.0.0.3")).build())) {
      sim.start();
      assertTrue(sim.awaitCompletion(WAIT));

      assertEquals(Set.of("127.0.0.2", "127.0.0.3"), Set.copyOf(front.peerAddresses()));
      assertEquals(4, sim.stats().recordsAcked());
    }
  }

  @Test
  void endProductionLetsDevicesDrainAndFinish() throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).devices(2).interval(Duration.ZERO)
            .recordsPerFrame(5).build())) {
      sim.start();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (sim.stats().recordsAcked() < 50 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      sim.endProduction();
      assertTrue(sim.awaitCompletion(WAIT));

      assertTrue(sim.stats().recordsAcked() >= 50);
      assertEquals(sim.stats().recordsGenerated(), sim.stats().recordsAcked());
      assertEquals(0, sim.stats().devicesOnline());
    }
  }

  @Test
  void namesEachDeviceByTheFleetLayout() {
    Simulation sim = new Simulation(SimulationConfig.builder().devices(50).firstDevice(1_000).build());
    FleetLayout layout = new FleetLayout(sim.config().seed());

    assertEquals(50, sim.names().size());
    for (int i = 0; i < 50; i++) {
      assertEquals(layout.member(1_000 + i).name(), sim.names().get(i));
    }
    assertEquals(50, Set.copyOf(sim.names()).size());
  }

  @Test
  void measuresTheCpuItsDevicesUse() throws Exception {
    try (FakeFront front = FakeFront.ackingEverything();
        Simulation sim = new Simulation(against(front).devices(20).recordsPerFrame(10).maxFrames(20)
            .keepAckedRecords(false).build())) {
      assertEquals(0, sim.cpuNanos());
      sim.start();
      assertTrue(sim.awaitCompletion(WAIT));
      long used = sim.cpuNanos();

      assertTrue(used > 0, "no CPU measured");
      assertTrue(used < WAIT.toNanos(), "more CPU than one thread could use: " + used);
      sim.stop();
      assertTrue(sim.cpuNanos() >= used, "CPU of ended threads forgotten");
      assertTrue(sim.ackedRecords().isEmpty());
    }
  }
}
