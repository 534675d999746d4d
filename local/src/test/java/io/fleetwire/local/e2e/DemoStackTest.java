package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.UnixOperatingSystemMXBean;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.local.LocalConfig;
import io.fleetwire.local.LocalStack;
import io.fleetwire.simulator.Imei;
import io.fleetwire.simulator.vehicle.FleetLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --demo N}: the simulated fleet comes up inside the stack without a socket per device,
 * named so the list can be searched by city, with parked vehicles among the moving ones, and its
 * CPU metered.
 */
class DemoStackTest {
  private static final int DEVICES = 400;
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** Descriptors the JVM may open meanwhile for anything else (SQLite, class loading, logs). */
  private static final long FD_SLACK = 100;

  @Test
  void demoFleetIsOnlineNamedAndSearchableWithoutASocketPerDevice(@TempDir Path data) throws Exception {
    UnixOperatingSystemMXBean os = (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long fdsBefore = os.getOpenFileDescriptorCount();
    LocalConfig config = new LocalConfig("127.0.0.1", 0, "127.0.0.1", 0, data, LocalConfig.Policy.open,
        Duration.ofMinutes(1), FrontConfig.DEFAULT_MAX_FRAME_BYTES, DEVICES, Duration.ofSeconds(1), null);
    try (LocalStack stack = LocalStack.start(config)) {
      StackClient api = new StackClient(stack.httpPort());
      eventually("every demo device online", () -> summary(api).get("online").asInt() == DEVICES);

      assertTrue(os.getOpenFileDescriptorCount() - fdsBefore < FD_SLACK,
          DEVICES + " demo devices took " + (os.getOpenFileDescriptorCount() - fdsBefore) + " file descriptors");
      JsonNode summary = summary(api);
      assertEquals(DEVICES, summary.get("devices").asInt());
      int moving = summary.get("moving").asInt();
      assertTrue(moving > DEVICES / 2 && moving < DEVICES, moving + " of " + DEVICES + " moving: parked cars missing");

      Set<String> berlin = new HashSet<>();
      FleetLayout layout = new FleetLayout(1);
      for (int i = 0; i < DEVICES; i++) {
        if (layout.member(i).name().startsWith("Berlin ")) {
          berlin.add(Imei.of("35630704", i));
        }
      }
      JsonNode found = api.get("/api/devices?q=berlin&limit=100").body();
      Set<String> imeis = new HashSet<>();
      for (JsonNode device : found.get("items")) {
        assertTrue(device.get("name").asText().toLowerCase(Locale.ROOT).contains("berlin"), device.toString());
        imeis.add(device.get("imei").asText());
      }
      assertTrue(!berlin.isEmpty());
      assertEquals(berlin, imeis, "search by city name");

      eventually("the demo's CPU metered", () -> stack.meters().get("fleetwire.demo.cpu").functionCounter().count() > 0);
      assertEquals(DEVICES, stack.meters().get("fleetwire.demo.online").gauge().value());
    }
  }

  private static JsonNode summary(StackClient api) {
    StackClient.Reply reply = api.get("/api/fleet/summary");
    assertEquals(200, reply.status(), String.valueOf(reply.body()));
    return reply.body();
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + PATIENCE + ": " + what);
      }
      Thread.sleep(100);
    }
  }
}
