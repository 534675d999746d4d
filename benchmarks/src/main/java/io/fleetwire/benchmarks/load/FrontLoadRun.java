package io.fleetwire.benchmarks.load;

import io.fleetwire.front.publish.InMemoryTelemetryPublisher;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.DurationText;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.LatencyHistogram;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.SimulationStats;
import io.fleetwire.simulator.teltonika.Codec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Loopback load run (not a test): a front with the in-memory publisher and a fleet of simulated
 * devices in closed loop (each sends its next frame as soon as the last one is acked), in one
 * JVM. A warm-up fleet runs first; the measured fleet's rates count only once all its devices are
 * online. Prints acked records/s and frames/s, ack latency, heap after GC and the CPU each thread
 * group used, which tells whether the front or the simulator is the bottleneck.
 */
@Command(name = "front-load-run", mixinStandardHelpOptions = true,
    description = "Loads an in-process front with simulated devices over loopback and prints its throughput.")
public final class FrontLoadRun implements Callable<Integer> {
  private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 50;
  private static final int GC_ROUNDS = 3;
  private static final long MEBIBYTE = 1024 * 1024;

  @Option(names = "--devices", defaultValue = "1000", description = "Simulated devices (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--records-per-frame", defaultValue = "1",
      description = "Records in each frame, 1..255 (default ${DEFAULT-VALUE}).")
  int recordsPerFrame;

  @Option(names = "--codec", defaultValue = "8", description = "AVL codec: 8, 8e or 16 (default ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--warmup", defaultValue = "30s", converter = DurationOption.class,
      description = "Warm-up run before the measured one; on a busy machine the JIT needs most of it "
          + "(default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--duration", defaultValue = "20s", converter = DurationOption.class,
      description = "Measured time once every device is online (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--ramp-up", defaultValue = "2s", converter = DurationOption.class,
      description = "Devices connect evenly spread over this time (default ${DEFAULT-VALUE}).")
  Duration rampUp;

  @Option(names = "--simulator-threads", defaultValue = "2",
      description = "Event loop threads of the simulator (default ${DEFAULT-VALUE}).")
  int simulatorThreads;

  private final PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FrontLoadRun())
        .setExecutionExceptionHandler(FrontLoadRun::badSetting)
        .execute(args));
  }

  /** A setting the front or the simulator refuses is reported by its message, not a stack trace. */
  private static int badSetting(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof IllegalArgumentException) {
      command.getErr().println("front-load-run: " + e.getMessage());
      return command.getCommandSpec().exitCodeOnInvalidInput();
    }
    throw e;
  }

  /** Reads durations as the front's CLI does: {@code 500ms}, {@code 20s}, {@code PT20S}. */
  public static final class DurationOption implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationText.parse(value);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Codec avlCodec = Codec.parse(codec);
    InMemoryTelemetryPublisher publisher = new InMemoryTelemetryPublisher();
    FrontConfig config = FrontConfig.defaults().withHost("127.0.0.1").withPort(0)
        .withHealthPort(FrontConfig.NO_HEALTH_PORT).withFrontId("front-load-run");
    out.printf(Locale.ROOT, "front load run: %d devices x %d-record frames, codec %s, warm-up %s, measured %s, "
            + "%d cpus, load average %.2f%n", devices, recordsPerFrame, avlCodec.label(), warmup, duration,
        Runtime.getRuntime().availableProcessors(), ThreadGroupCpu.systemLoadAverage());
    try (FrontServer front = FrontServer.start(config, publisher, DeviceRegistry.open(), new SimpleMeterRegistry())) {
      long idleHeap = heapAfterGc();
      try (Simulation warm = new Simulation(fleet(front.port(), avlCodec, 0))) {
        warm.start();
        Thread.sleep(warmup.toMillis());
      }
      try (Simulation measured = new Simulation(fleet(front.port(), avlCodec, devices))) {
        measured.start();
        if (!awaitOnline(measured)) {
          out.println("not every device came online within " + ONLINE_TIMEOUT + ": " + measured.stats().summary());
          return 1;
        }
        SimulationStats stats = measured.stats();
        long records0 = stats.recordsAcked();
        long frames0 = stats.framesAcked();
        ThreadGroupCpu.Snapshot cpu0 = ThreadGroupCpu.take();
        double load0 = ThreadGroupCpu.systemLoadAverage();
        Thread.sleep(duration.toMillis());
        ThreadGroupCpu.Snapshot cpu1 = ThreadGroupCpu.take();
        long records = stats.recordsAcked() - records0;
        long frames = stats.framesAcked() - frames0;
        double load1 = ThreadGroupCpu.systemLoadAverage();
        long loadedHeap = heapAfterGc();
        report(ThreadGroupCpu.between(cpu0, cpu1), records, frames, stats, load0, load1, idleHeap, loadedHeap,
            front.connections());
        // Let each device's last frame be acked before the front drains, so the run ends without resends.
        measured.endProduction();
        if (!measured.awaitCompletion(DRAIN_TIMEOUT)) {
          out.println("devices still waiting for acks after " + DRAIN_TIMEOUT + "; closing anyway");
        }
      }
    }
    return 0;
  }

  private SimulationConfig fleet(int port, Codec avlCodec, long firstDevice) {
    return SimulationConfig.builder()
        .host("127.0.0.1")
        .port(port)
        .devices(devices)
        .firstDevice(firstDevice)
        .codec(avlCodec)
        .recordsPerFrame(recordsPerFrame)
        .interval(Duration.ZERO)
        .rampUp(rampUp)
        .ackTimeout(Duration.ofSeconds(30))
        .keepAckedRecords(false)
        .ioThreads(simulatorThreads)
        .build();
  }

  private boolean awaitOnline(Simulation simulation) throws InterruptedException {
    long deadline = System.nanoTime() + ONLINE_TIMEOUT.toNanos();
    while (simulation.stats().devicesOnline() < devices) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(POLL_MILLIS);
    }
    return true;
  }

  private void report(ThreadGroupCpu.Usage cpu, long records, long frames, SimulationStats stats, double load0,
      double load1, long idleHeap, long loadedHeap, int connections) {
    double seconds = cpu.wallSeconds();
    LatencyHistogram latency = stats.ackLatency();
    out.printf(Locale.ROOT, "acked records/s: %,.0f%n", records / seconds);
    out.printf(Locale.ROOT, "acked frames/s:  %,.0f%n", frames / seconds);
    out.printf(Locale.ROOT, "ack latency ms:  p50 %.2f  p95 %.2f  p99 %.2f  (%,d acks)%n",
        latency.percentileMillis(50), latency.percentileMillis(95), latency.percentileMillis(99), latency.count());
    out.printf(Locale.ROOT, "heap after GC:   %d MiB with the front idle, %d MiB with %d connections "
            + "(front and simulator share this JVM)%n", idleHeap / MEBIBYTE, loadedHeap / MEBIBYTE, connections);
    if (ThreadGroupCpu.measuresThreadCpu()) {
      StringBuilder groups = new StringBuilder();
      for (Map.Entry<String, Double> group : cpu.groupCores().entrySet()) {
        groups.append(String.format(Locale.ROOT, "  %s %.2f", group.getKey(), group.getValue()));
      }
      out.printf(Locale.ROOT, "cpu (cores):     process %.2f of %d (%.0f %% in the kernel);%s%n",
          cpu.processCores(), Runtime.getRuntime().availableProcessors(), 100 * cpu.kernelShare(), groups);
      double frontCores = cpu.groupCores().get(ThreadGroupCpu.FRONT);
      if (frontCores > 0) {
        out.printf(Locale.ROOT, "per front core:  %,.0f records/s, %,.0f frames/s%n",
            records / seconds / frontCores, frames / seconds / frontCores);
      }
    }
    out.printf(Locale.ROOT, "load average:    %.2f at start, %.2f at end of the measurement%n", load0, load1);
    out.printf(Locale.ROOT, "measured %.1f s; simulator: %s%n", seconds, stats.summary());
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      Thread.sleep(POLL_MILLIS);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
