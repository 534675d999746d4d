package io.fleetwire.local;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.teltonika.Codec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated trackers of {@code --demo N}: registered under their names (so the list can be
 * searched by city or kind), then connected through the front's in-process listener, a few hundred
 * a second. In-process because both ends of a loopback TCP connection are file descriptors of this
 * process: 10,000 demo devices would take 20,000, the whole of a common open-files limit; over the
 * in-process channel they take none and still go through the front's framing, decoding, session
 * and acks. Devices on real sockets come from the simulator run as a second process.
 *
 * <p>What the devices cost is logged every {@link #REPORT_EVERY} and kept as meters: the CPU time
 * of the simulator's own threads ({@code fleetwire.demo.cpu}), apart from the front and ingest
 * that serve them.
 */
final class LocalDemo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDemo.class);
  /** Devices connected per second while the demo starts: a login storm of 10,000 would queue for seconds. */
  static final int CONNECTS_PER_SECOND = 500;
  static final Duration REPORT_EVERY = Duration.ofMinutes(1);

  private final Simulation simulation;
  private final ScheduledExecutorService reporter;
  private final long startedNanos = System.nanoTime();

  private LocalDemo(Simulation simulation, ScheduledExecutorService reporter) {
    this.simulation = simulation;
    this.reporter = reporter;
  }

  static LocalDemo start(int devices, Duration interval, FrontServer front, TelemetryStore store,
      MeterRegistry meters) {
    String address = front.acceptInProcess().id();
    Simulation simulation = new Simulation(SimulationConfig.builder()
        .inProcessAddress(address)
        .devices(devices)
        .interval(interval)
        .codec(Codec.CODEC_8E)
        .rampUp(Duration.ofMillis(1_000L * devices / CONNECTS_PER_SECOND))
        .keepAckedRecords(false)
        .build());
    long registering = System.nanoTime();
    List<String> imeis = simulation.imeis();
    List<String> names = simulation.names();
    for (int i = 0; i < devices; i++) {
      store.register(imeis.get(i), names.get(i));
    }
    LOG.info("demo: {} devices registered by name in {} ms", devices, (System.nanoTime() - registering) / 1_000_000);
    FunctionCounter.builder("fleetwire.demo.cpu", simulation, s -> Math.max(0, s.cpuNanos()) / 1e9)
        .baseUnit("seconds")
        .description("CPU time of the demo's simulated devices (the simulator's threads)")
        .register(meters);
    Gauge.builder("fleetwire.demo.online", simulation, s -> s.stats().devicesOnline())
        .description("Simulated demo devices logged in")
        .register(meters);
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "demo-report");
      thread.setDaemon(true);
      return thread;
    });
    LocalDemo demo = new LocalDemo(simulation, reporter);
    simulation.start();
    long every = REPORT_EVERY.toMillis();
    reporter.scheduleAtFixedRate(demo::report, every, every, TimeUnit.MILLISECONDS);
    return demo;
  }

  /** One line: devices online, records acked, and the simulator's CPU per wall second and per record. */
  String report() {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    double cpu = simulation.cpuNanos() / 1e9;
    long acked = simulation.stats().recordsAcked();
    String line = String.format(Locale.ROOT,
        "demo: %d of %d devices online, %d records acked in %.0f s; simulated devices used %.1f s CPU"
            + " (%.3f cores, %.0f µs per acked record)", simulation.stats().devicesOnline(),
        simulation.imeis().size(), acked, seconds, cpu, cpu / seconds, acked == 0 ? 0 : cpu * 1e6 / acked);
    LOG.info(line);
    return line;
  }

  @Override
  public void close() {
    reporter.shutdownNow();
    report();
    simulation.stop();
  }
}
