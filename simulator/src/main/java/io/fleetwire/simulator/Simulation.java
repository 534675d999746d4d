package io.fleetwire.simulator;

import io.fleetwire.contract.Record;
import io.fleetwire.simulator.device.DeviceTls;
import io.fleetwire.simulator.device.SimulatedDevice;
import io.fleetwire.simulator.vehicle.FleetLayout;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated trackers connected to one front over real TCP (or a front's in-process
 * listener in the same JVM). All devices share a few event loop threads (non-blocking I/O, no
 * thread per device; each device's timers are tasks on its loop), so one process holds tens of
 * thousands of connections. The vehicles are laid out by {@link FleetLayout}: spread over European
 * cities, each with a name. Used by the CLI, the local demo, tests and benchmarks:
 *
 * <pre>{@code
 * try (Simulation sim = new Simulation(SimulationConfig.builder().port(port).devices(10)
 *     .interval(Duration.ofMillis(100)).maxFrames(5).build())) {
 *   sim.start();
 *   sim.awaitCompletion(Duration.ofSeconds(30));
 *   sim.ackedRecords(); // every acked record, by IMEI, in ack order
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final SimulationConfig config;
  private final SimulationStats stats = new SimulationStats();
  private final List<String> imeis;
  private final List<FleetLayout.Member> members;
  private final Map<String, List<Record>> acked;
  private final ThreadCpuMeter cpu = new ThreadCpuMeter(new DefaultThreadFactory("simulator", true));
  private final CountDownLatch finished;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private EventLoopGroup group;
  private boolean started;
  private boolean stopped;

  public Simulation(SimulationConfig config) {
    this.config = config;
    List<String> numbers = new ArrayList<>(config.devices());
    List<FleetLayout.Member> fleet = new ArrayList<>(config.devices());
    FleetLayout layout = new FleetLayout(config.seed());
    // Load runs keep no records: no list per device then.
    Map<String, List<Record>> records = config.keepAckedRecords() ? new LinkedHashMap<>() : new HashMap<>(0);
    for (int i = 0; i < config.devices(); i++) {
      String imei = config.imei(i);
      numbers.add(imei);
      fleet.add(layout.member(config.firstDevice() + i));
      if (config.keepAckedRecords()) {
        records.put(imei, Collections.synchronizedList(new ArrayList<>()));
      }
    }
    this.imeis = List.copyOf(numbers);
    this.members = List.copyOf(fleet);
    this.acked = Collections.unmodifiableMap(records);
    this.finished = new CountDownLatch(config.devices());
  }

  public SimulationConfig config() {
    return config;
  }

  /** The devices' IMEIs, device 0 first. */
  public List<String> imeis() {
    return imeis;
  }

  /** Each device's display name (e.g. {@code "Berlin van 0042"}), in the order of {@link #imeis()}. */
  public List<String> names() {
    return members.stream().map(FleetLayout.Member::name).toList();
  }

  /**
   * CPU time the simulation's own threads have used so far (every device's timers, encoding and
   * I/O), in nanoseconds; -1 where the JVM cannot measure thread CPU time.
   */
  public long cpuNanos() {
    return cpu.cpuNanos();
  }

  /** Live counters; readable at any time. */
  public SimulationStats stats() {
    return stats;
  }

  /**
   * Starts every device (spread over the ramp-up). Throws if the front's host or a source address
   * cannot be resolved, or the TLS trust is not usable.
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("simulation already started");
    }
    SocketAddress front = config.inProcessAddress() != null ? new LocalAddress(config.inProcessAddress())
        : resolve(config.host(), config.port());
    List<InetSocketAddress> sources = config.sourceAddresses().stream()
        .map(a -> resolve(a, 0)).toList();
    SslContext tls = config.tls() == null ? null : config.tls().clientContext();
    started = true;
    group = new MultiThreadIoEventLoopGroup(config.ioThreads(), cpu,
        config.inProcessAddress() != null ? LocalIoHandler.newFactory() : NioIoHandler.newFactory());
    Bootstrap template = new Bootstrap()
        .remoteAddress(front)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
    if (config.inProcessAddress() != null) {
      template.channel(LocalChannel.class);
    } else {
      template.channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true);
    }
    if (tls != null) {
      DeviceTls.enable(template, tls, config.host(), config.port());
    }
    long startMillis = config.startTime() != null
        ? config.startTime().toEpochMilli() : Instant.now().toEpochMilli();
    long intervalNanos = config.interval().toNanos();
    for (int i = 0; i < config.devices(); i++) {
      long serial = config.firstDevice() + i;
      SplittableRandom random = new SplittableRandom(config.seed() ^ (serial * GOLDEN));
      long offsetNanos = intervalNanos > 0 ? random.nextLong(intervalNanos) : 0;
      EventLoop loop = group.next();
      Bootstrap bootstrap = template.clone(loop);
      if (!sources.isEmpty()) {
        bootstrap.localAddress(sources.get(i % sources.size()));
      }
      String imei = imeis.get(i);
      List<Record> sink = acked.get(imei);
      SimulatedDevice device = new SimulatedDevice(config, imei, members.get(i).vehicle(),
          loop, bootstrap, stats, startMillis + offsetNanos / 1_000_000, offsetNanos,
          sink == null ? null : sink::add, finished::countDown);
      devices.add(device);
      device.start(config.rampUp().toNanos() * i / config.devices());
    }
    if (config.duration() != null) {
      long end = config.duration().toNanos();
      group.schedule(() -> devices.forEach(SimulatedDevice::endProduction), end,
          TimeUnit.NANOSECONDS);
      group.schedule(() -> devices.forEach(SimulatedDevice::stop),
          end + config.drainTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Waits until every device is done: its records all acked after {@code maxFrames} or
   * {@code duration}, its login rejected, or the drain time over. True if all are done.
   */
  public boolean awaitCompletion(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean isComplete() {
    return finished.getCount() == 0;
  }

  /** Asks every device to stop producing; each finishes once its buffer is acked. */
  public synchronized void endProduction() {
    if (stopped) {
      return;
    }
    devices.forEach(SimulatedDevice::endProduction);
  }

  /** Closes every connection and releases the threads. Unacked records are abandoned. */
  public synchronized void stop() {
    if (!started || stopped) {
      return;
    }
    stopped = true;
    devices.forEach(SimulatedDevice::stop);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Every acked record's contract form by IMEI (all IMEIs present, in device order), each list in
   * ack order — a copy taken now. An empty map when {@code keepAckedRecords} is off.
   */
  public Map<String, List<Record>> ackedRecords() {
    Map<String, List<Record>> copy = new LinkedHashMap<>();
    acked.forEach((imei, records) -> {
      synchronized (records) {
        copy.put(imei, List.copyOf(records));
      }
    });
    return copy;
  }

  private static InetSocketAddress resolve(String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve address '" + host + "'", e);
    }
  }
}
