package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Record;
import io.fleetwire.local.LocalStack;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.teltonika.Codec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local stack over real sockets: simulated trackers send frames to its TCP port and the
 * HTTP API must give back every acked record exactly once, with the values that were sent.
 */
class EndToEndTest {
  private static final int DEVICES = 200;
  private static final int FRAMES_PER_DEVICE = 3;
  private static final int RECORDS_PER_FRAME = 4;

  @TempDir
  static Path data;

  private static LocalStack stack;
  private static Map<String, List<Record>> acked;

  @BeforeAll
  static void runFleet() throws InterruptedException {
    stack = LocalStack.start(StackConfigs.open(data));
    try (Simulation fleet = new Simulation(SimulationConfig.builder()
        .port(stack.tcpPort())
        .devices(DEVICES)
        .interval(Duration.ZERO)
        .maxFrames(FRAMES_PER_DEVICE)
        .recordsPerFrame(RECORDS_PER_FRAME)
        .codec(Codec.CODEC_8E)
        .seed(42)
        .ioThreads(2)
        .build())) {
      fleet.start();
      assertTrue(fleet.awaitCompletion(Duration.ofSeconds(40)),
          "every device finished within 40 s: " + fleet.stats().summary());
      acked = fleet.ackedRecords();
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyAckedRecordIsReturnedOnceWithTheValuesSent() {
    StackClient api = new StackClient(stack.httpPort());
    assertEquals(DEVICES, acked.size());
    for (Map.Entry<String, List<Record>> device : acked.entrySet()) {
      assertEquals(FRAMES_PER_DEVICE * RECORDS_PER_FRAME, device.getValue().size(),
          "records acked to " + device.getKey());
      List<SentValues> expected = device.getValue().stream().map(SentValues::sent)
          .sorted(Comparator.comparing(SentValues::ts).thenComparing(SentValues::id)).toList();
      List<SentValues> stored = api.allPositions(device.getKey()).stream().map(SentValues::stored).toList();
      assertEquals(expected, stored, "positions of " + device.getKey());
    }
  }

  @Test
  void deviceListShowsEveryDeviceWithItsNewestRecord() {
    StackClient.Reply reply = new StackClient(stack.httpPort()).get("/api/devices");
    assertEquals(200, reply.status());
    Map<String, JsonNode> listed = new HashMap<>();
    reply.body().get("items").forEach(item -> listed.put(item.get("imei").asText(), item));
    assertEquals(acked.keySet(), listed.keySet());
    for (Map.Entry<String, List<Record>> device : acked.entrySet()) {
      Record newest = device.getValue().stream().max(Comparator.comparing(Record::ts)).orElseThrow();
      JsonNode last = listed.get(device.getKey()).get("last");
      assertEquals(SentValues.sent(newest), SentValues.stored(StackClient.toRecord(last)),
          "latest position of " + device.getKey());
    }
  }
}
