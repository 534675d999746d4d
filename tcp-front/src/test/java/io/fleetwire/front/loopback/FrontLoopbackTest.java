package io.fleetwire.front.loopback;

import static io.fleetwire.front.loopback.LoopbackFront.PATIENCE;
import static io.fleetwire.front.loopback.LoopbackFront.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.front.publish.NdjsonTelemetryPublisher;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.simulator.Imei;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationStats;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.testsupport.RecordingPublisher;
import io.fleetwire.testsupport.RecordingPublisher.Mode;
import io.fleetwire.testsupport.RecordingPublisher.Publication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front on a real loopback port with simulated trackers (and a raw socket for what a
 * well-behaved tracker never does): what a device is told was accepted is stored once, a stalled
 * connection cannot hold the others up, and a refusing publisher or registry gets no ack.
 */
class FrontLoopbackTest {
  private static final String IMEI_PREFIX = "35630704";
  private static final double DEGREE_TOLERANCE = 1e-7;
  /** 500 connections and an fsync per group take a while on a busy machine: a wider bound. */
  private static final Duration FLEET_OF_500_PATIENCE = Duration.ofSeconds(45);

  @Test
  void everyRecordAckedTo500DevicesIsInTheNdjsonFileOnceUnderItsOwnImei(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("telemetry.ndjson");
    List<Simulation> fleets = new ArrayList<>();
    try (NdjsonTelemetryPublisher publisher = new NdjsonTelemetryPublisher(file);
        LoopbackFront front = LoopbackFront.start(publisher)) {
      int first = 0;
      for (Codec codec : Codec.values()) {
        int devices = codec == Codec.CODEC_8 ? 168 : 166;
        fleets.add(new Simulation(front.fleet().devices(devices).firstDevice(first).codec(codec)
            .interval(Duration.ofMillis(50)).maxFrames(3).recordsPerFrame(2)
            .rampUp(Duration.ofMillis(500)).seed(first + 1).build()));
        first += devices;
      }
      try {
        fleets.forEach(Simulation::start);
        long deadline = System.nanoTime() + FLEET_OF_500_PATIENCE.toNanos();
        for (Simulation fleet : fleets) {
          Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
          assertTrue(fleet.awaitCompletion(left), "fleet did not finish: " + fleet.stats().summary());
        }
      } finally {
        fleets.forEach(Simulation::close);
      }
    }

    assertEquals(500, fleets.stream().mapToInt(fleet -> fleet.config().devices()).sum());
    for (Simulation fleet : fleets) {
      SimulationStats stats = fleet.stats();
      assertEquals(0, stats.recordsResent(), "no ack may be lost, so no frame is resent: " + stats.summary());
      assertEquals(fleet.config().devices() * 3L * 2, stats.recordsAcked(), stats.summary());
    }
    Map<String, Record> written = writtenRecordsById(file);
    for (Simulation fleet : fleets) {
      fleet.ackedRecords().forEach((imei, acked) -> acked.forEach(expected -> {
        Record record = written.remove(expected.id());
        assertNotNull(record, "acked record " + expected.id() + " of " + imei + " is not in the file");
        assertEquals(imei, record.imei());
        assertSameContent(expected, record);
      }));
    }
    assertTrue(written.isEmpty(), written.size() + " records in the file were never acked: " + written.keySet());
  }

  @Test
  void silentClientIsClosedAfterTheIdleTimeoutWhileSimulatedDevicesGoOnBeingAcked() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(Mode.SUCCEED);
    try (LoopbackFront front = LoopbackFront.start(publisher, DeviceRegistry.open(), Duration.ofSeconds(1));
        Simulation fleet = new Simulation(front.fleet().devices(20).interval(Duration.ofMillis(100))
            .keepAckedRecords(false).build());
        RawDevice silent = RawDevice.connect(front.port())) {
      fleet.start();
      assertEquals(1, silent.login(Imei.of(IMEI_PREFIX, 999_999)));

      assertEquals(-1, silent.read(PATIENCE), "the silent connection must be closed by the front");

      long ackedWhenClosed = fleet.stats().recordsAcked();
      eventually("simulated devices acked after the silent client was closed",
          () -> fleet.stats().recordsAcked() > ackedWhenClosed + fleet.config().devices());
    }
  }

  @Test
  void failingPublisherGetsNoAckAndTheResentFramesArePublishedOnceAfterItRecovers() throws Exception {
    RecordingPublisher publisher = new RecordingPublisher(Mode.FAIL);
    int devices = 10;
    try (LoopbackFront front = LoopbackFront.start(publisher);
        Simulation fleet = new Simulation(front.fleet().devices(devices).interval(Duration.ofMillis(50))
            .maxFrames(2).recordsPerFrame(3).build())) {
      fleet.start();
      eventually("each device tried to publish a few times", () -> publisher.count() >= 3 * devices);

      assertEquals(0, fleet.stats().recordsAcked(), fleet.stats().summary());
      assertEquals(0, fleet.stats().framesAcked(), fleet.stats().summary());
      assertTrue(publisher.confirmedBatches().isEmpty());

      publisher.setMode(Mode.SUCCEED);
      assertTrue(fleet.awaitCompletion(PATIENCE), "devices did not drain: " + fleet.stats().summary());

      List<String> acked = fleet.ackedRecords().values().stream().flatMap(Collection::stream)
          .map(Record::id).sorted().toList();
      List<String> confirmed = recordIds(publisher.confirmedBatches()).stream().sorted().toList();
      assertEquals(devices * 2 * 3, acked.size(), fleet.stats().summary());
      assertEquals(acked, confirmed, "each acked record confirmed exactly once, and nothing else");
      Set<String> refused = new HashSet<>(recordIds(publisher.publications().stream()
          .filter(publication -> !publication.succeeded()).map(Publication::batch).toList()));
      assertFalse(refused.isEmpty());
      assertTrue(confirmed.containsAll(refused), "every frame refused while failing is resent and confirmed");
      assertTrue(fleet.stats().recordsResent() > 0, fleet.stats().summary());
    }
  }

  @Test
  void refusedImeiGetsZeroAndIsClosed() throws Exception {
    String refused = Imei.of(IMEI_PREFIX, 999_998);
    DeviceRegistry registry = imei -> !imei.equals(refused);
    try (LoopbackFront front = LoopbackFront.start(new RecordingPublisher(Mode.SUCCEED), registry,
            FrontConfig.DEFAULT_IDLE_TIMEOUT);
        RawDevice device = RawDevice.connect(front.port());
        RawDevice other = RawDevice.connect(front.port())) {
      device.send(RawDevice.loginFrame(refused));

      assertEquals(0x00, device.read(PATIENCE));
      assertEquals(-1, device.read(PATIENCE), "the front must close after answering 00");
      assertEquals(0x01, other.login(Imei.of(IMEI_PREFIX, 999_997)), "the registry refuses only that IMEI");
    }
  }

  private static Map<String, Record> writtenRecordsById(Path file) throws IOException {
    Map<String, Record> byId = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      TelemetryBatch batch = Json.mapper().readValue(line, TelemetryBatch.class);
      for (Record record : batch.records()) {
        assertEquals(batch.imei(), record.imei(), "record under another IMEI than its batch");
        assertNull(byId.put(record.id(), record), "record " + record.id() + " written twice");
      }
    }
    return byId;
  }

  private static List<String> recordIds(List<TelemetryBatch> batches) {
    return batches.stream().flatMap(batch -> batch.records().stream()).map(Record::id).toList();
  }

  private static void assertSameContent(Record expected, Record actual) {
    String id = expected.id();
    assertEquals(expected.ts(), actual.ts(), id);
    assertEquals(expected.lat(), actual.lat(), DEGREE_TOLERANCE, id);
    assertEquals(expected.lon(), actual.lon(), DEGREE_TOLERANCE, id);
    assertEquals(expected.alt(), actual.alt(), id);
    assertEquals(expected.angle(), actual.angle(), id);
    assertEquals(expected.speed(), actual.speed(), id);
    assertEquals(expected.sats(), actual.sats(), id);
    assertEquals(expected.priority(), actual.priority(), id);
    assertEquals(expected.event(), actual.event(), id);
    assertEquals(expected.generationType(), actual.generationType(), id);
    assertEquals(expected.io(), actual.io(), id);
    assertEquals(expected.ioHex(), actual.ioHex(), id);
  }
}
