package io.fleetwire.simulator;

import io.fleetwire.contract.Record;
import io.fleetwire.simulator.device.DeviceTls;
import io.fleetwire.simulator.device.SimulatedDevice;
import io.fleetwire.simulator.vehicle.Vehicle;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated trackers connected to one front over real TCP. All devices share a few
 * event loop threads (non-blocking I/O, no thread per device), so one process holds thousands of
 * connections. Used by the CLI, by tests and by benchmarks:
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
  private final Map<String, List<Record>> acked;
  private final CountDownLatch finished;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private EventLoopGroup group;
  private boolean started;
  private boolean stopped;

  public Simulation(SimulationConfig config) {
    this.config = config;
    List<String> names = new ArrayList<>(config.devices());
    Map<String, List<Record>> records = new LinkedHashMap<>();
    for (int i = 0; i < config.devices(); i++) {
      String imei = config.imei(i);
      names.add(imei);
      records.put(imei, Collections.synchronizedList(new ArrayList<>()));
    }
    this.imeis = List.copyOf(names);
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
    InetSocketAddress front = resolve(config.host(), config.port());
    List<InetSocketAddress> sources = config.sourceAddresses().stream()
        .map(a -> resolve(a, 0)).toList();
    SslContext tls = config.tls() == null ? null : config.tls().clientContext();
    started = true;
    group = new MultiThreadIoEventLoopGroup(config.ioThreads(),
        new DefaultThreadFactory("simulator", true), NioIoHandler.newFactory());
    Bootstrap template = new Bootstrap()
        .channel(NioSocketChannel.class)
        .remoteAddress(front)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
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
      SimulatedDevice device = new SimulatedDevice(config, imei, new Vehicle(random.nextLong()),
          loop, bootstrap, stats, startMillis + offsetNanos / 1_000_000, offsetNanos,
          config.keepAckedRecords() ? sink::add : null, finished::countDown);
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
   * ack order — a copy taken now. Empty lists when {@code keepAckedRecords} is off.
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
