package io.fleetwire.simulator.cli;

import io.fleetwire.simulator.RunVerdict;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.SimulationStats;
import io.fleetwire.simulator.SimulatorTls;
import io.fleetwire.simulator.chaos.ChaosFleet;
import io.fleetwire.simulator.chaos.ChaosKind;
import io.fleetwire.simulator.teltonika.Codec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar fleetwire-simulator.jar}: runs a {@link Simulation}, reports on stdout and exits
 * with its {@link RunVerdict}, whose reason goes to stderr.
 */
@Command(name = "fleetwire-simulator", mixinStandardHelpOptions = true,
    description = "Simulated Teltonika trackers sending AVL data to a Fleetwire front over TCP.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every record produced was acked",
        "1:records stayed unacked, or nothing was acked",
        "2:invalid options",
        "3:the front refused a login (IMEI not registered?)"})
public final class SimulatorCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Front host (${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "5027", description = "Front port (${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--devices", defaultValue = "1", description = "Simulated trackers (${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--first-device", defaultValue = "0",
      description = "Serial of the first device; give each process its own range (${DEFAULT-VALUE}).")
  long firstDevice;

  @Option(names = "--imei-prefix", defaultValue = "35630704",
      description = "Leading IMEI digits before serial and check digit (${DEFAULT-VALUE}).")
  String imeiPrefix;

  @Option(names = "--interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "A frame's worth of records per device this often; 0s = send again as soon as "
          + "acked (${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--records-per-frame", defaultValue = "1",
      description = "Records per interval and per frame, 1..255 (${DEFAULT-VALUE}).")
  int recordsPerFrame;

  @Option(names = "--codec", defaultValue = "8", description = "8, 8e or 16 (${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop producing after this long, then drain; default: run until interrupted.")
  Duration duration;

  @Option(names = "--max-frames", defaultValue = "0",
      description = "Intervals of records per device, then drain and exit; 0 = no limit.")
  int maxFrames;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of all simulated data (${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--source-addresses", split = ",",
      description = "Local addresses to connect from, round-robin, e.g. 127.0.0.2,127.0.0.3.")
  List<String> sourceAddresses = List.of();

  @Option(names = "--ack-timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Wait this long for a login answer or ack, then reconnect and resend (${DEFAULT-VALUE}).")
  Duration ackTimeout;

  @Option(names = "--reconnect-min", defaultValue = "1s", converter = DurationConverter.class,
      description = "First reconnect delay, doubling per failure (${DEFAULT-VALUE}).")
  Duration reconnectMin;

  @Option(names = "--reconnect-max", defaultValue = "60s", converter = DurationConverter.class,
      description = "Largest reconnect delay (${DEFAULT-VALUE}).")
  Duration reconnectMax;

  @Option(names = "--ramp-up", defaultValue = "0s", converter = DurationConverter.class,
      description = "Spread device starts over this time (${DEFAULT-VALUE}).")
  Duration rampUp;

  @Option(names = "--drain-timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "After --duration, time left to get buffered records acked (${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--keep-alive", converter = DurationConverter.class,
      description = "Send the FF keep-alive after this much idle time; default: none.")
  Duration keepAlive;

  @Option(names = "--buffer", defaultValue = "1000",
      description = "Unacked records a device keeps; the oldest are dropped beyond (${DEFAULT-VALUE}).")
  int bufferCapacity;

  @Option(names = "--io-threads", defaultValue = "0",
      description = "Event loop threads; 0 = one per core, at most 4.")
  int ioThreads;

  @Option(names = "--tls", description = "Connect with TLS 1.2/1.3 (to the front's --tls-port), trusting the "
      + "JVM's default authorities unless --tls-trust or --tls-insecure says otherwise.")
  boolean tls;

  @Option(names = "--tls-trust", paramLabel = "PEM",
      description = "With --tls: trust the certificate(s) in this PEM file (a self-signed or private-CA front).")
  Path tlsTrust;

  @Option(names = "--tls-insecure",
      description = "With --tls: accept ANY certificate without checking it; for test certificates only.")
  boolean tlsInsecure;

  @Option(names = "--progress", defaultValue = "5s", converter = DurationConverter.class,
      description = "Print progress this often (${DEFAULT-VALUE}).")
  Duration progress;

  @Option(names = "--chaos", split = ",", converter = ChaosKindConverter.class,
      description = "Also run misbehaving clients: garbage, oversized, truncated, slow, silent, "
          + "half-open (comma-separated).")
  List<ChaosKind> chaos = List.of();

  @Option(names = "--chaos-count", defaultValue = "1",
      description = "Clients per chaos kind (${DEFAULT-VALUE}).")
  int chaosCount;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "fleetwire-simulator-logback.xml");
    }
    System.exit(new CommandLine(new SimulatorCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    SimulationConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Simulation simulation = new Simulation(config);
    ChaosFleet chaosFleet = new ChaosFleet(new ChaosFleet.Plan(host, port, chaos, chaosCount,
        sourceAddresses, Duration.ofSeconds(1), Duration.ofSeconds(1), firstDevice, seed));
    AtomicBoolean reported = new AtomicBoolean();
    long started = System.nanoTime();
    Runnable finalReport = () -> {
      simulation.stop();
      chaosFleet.stop();
      if (reported.compareAndSet(false, true)) {
        report(out, simulation, chaosFleet, started, "done");
      }
    };
    Thread hook = new Thread(finalReport, "simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(Locale.ROOT, "simulating %d devices (IMEI %s..%s), codec %s, %d record(s) every %s,"
            + " to %s:%d%s%n", devices, simulation.imeis().get(0),
        simulation.imeis().get(devices - 1), config.codec().label(), recordsPerFrame, interval,
        host, port, config.tls() == null ? "" : " over " + config.tls());
    out.flush();
    simulation.start();
    chaosFleet.start();
    while (!simulation.awaitCompletion(progress)) {
      report(out, simulation, chaosFleet, started, "progress");
    }
    finalReport.run();
    Runtime.getRuntime().removeShutdownHook(hook);
    RunVerdict verdict = RunVerdict.of(simulation.stats(), host + ":" + port);
    PrintWriter verdictOut = verdict.exitCode() == RunVerdict.OK ? out : spec.commandLine().getErr();
    verdictOut.println(verdict.message());
    verdictOut.flush();
    return verdict.exitCode();
  }

  private SimulationConfig config() {
    SimulationConfig.Builder builder = SimulationConfig.builder()
        .host(host).port(port).devices(devices).firstDevice(firstDevice).imeiPrefix(imeiPrefix)
        .interval(interval).recordsPerFrame(recordsPerFrame).codec(Codec.parse(codec))
        .duration(duration).maxFrames(maxFrames).seed(seed).sourceAddresses(sourceAddresses)
        .ackTimeout(ackTimeout).reconnectBackoff(reconnectMin, reconnectMax).rampUp(rampUp)
        .drainTimeout(drainTimeout).keepAlive(keepAlive).bufferCapacity(bufferCapacity)
        .keepAckedRecords(false).tls(tls());
    if (ioThreads > 0) {
      builder.ioThreads(ioThreads);
    }
    return builder.build();
  }

  private SimulatorTls tls() {
    if (!tls) {
      if (tlsTrust != null || tlsInsecure) {
        throw new IllegalArgumentException("--tls-trust and --tls-insecure need --tls");
      }
      return null;
    }
    if (tlsInsecure) {
      if (tlsTrust != null) {
        throw new IllegalArgumentException("choose --tls-trust or --tls-insecure, not both");
      }
      return SimulatorTls.insecureTrustAll();
    }
    SimulatorTls trust = tlsTrust == null ? SimulatorTls.systemTrust() : SimulatorTls.trusting(tlsTrust);
    trust.clientContext();
    return trust;
  }

  /** The simulator's own CPU (its event loops) is printed so a run can say what its devices cost. */
  private static void report(PrintWriter out, Simulation simulation, ChaosFleet chaos,
      long startedNanos, String what) {
    SimulationStats stats = simulation.stats();
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    double cpuSeconds = simulation.cpuNanos() / 1e9;
    out.printf(Locale.ROOT, "[%7.1fs] %s: %s acked/s=%.0f simulatorCpu=%.1fs (%.3f cores)%n", seconds, what,
        stats.summary(), stats.recordsAcked() / Math.max(seconds, 1e-3), cpuSeconds,
        cpuSeconds / Math.max(seconds, 1e-3));
    if (chaos.clients() > 0) {
      out.printf(Locale.ROOT, "[%7.1fs] %s: %s%n", seconds, what, chaos.stats().summary());
    }
    out.flush();
  }
}
