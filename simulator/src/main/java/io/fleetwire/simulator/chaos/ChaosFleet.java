package io.fleetwire.simulator.chaos;

import io.fleetwire.simulator.Imei;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Hostile and broken clients, run beside a well-behaved {@code Simulation} to prove the front
 * keeps serving real devices while they misbehave:
 *
 * <pre>{@code
 * try (ChaosFleet chaos = new ChaosFleet(ChaosFleet.Plan.of("127.0.0.1", port,
 *     List.of(ChaosKind.GARBAGE), 5))) {
 *   chaos.start();
 *   ...
 *   chaos.stats().closedByFront(ChaosKind.GARBAGE);
 * }
 * }</pre>
 */
public final class ChaosFleet implements AutoCloseable {
  /** Chaos clients log in with IMEIs of their own type allocation code. */
  public static final String IMEI_PREFIX = "35999904";

  private final Plan plan;
  private final ChaosStats stats = new ChaosStats();
  private final List<ChaosClient> clients = new ArrayList<>();
  private EventLoopGroup group;

  /**
   * @param kinds the misbehaviours to run, each by {@code clientsPerKind} clients
   * @param reconnectDelay pause before a client whose connection ended connects again
   * @param step pause between a slow client's bytes and between a garbage client's bursts
   * @param firstSerial IMEI serial of the first client; give each process its own range
   */
  public record Plan(String host, int port, List<ChaosKind> kinds, int clientsPerKind,
      List<String> sourceAddresses, Duration reconnectDelay, Duration step, long firstSerial,
      long seed) {
    public Plan {
      Objects.requireNonNull(host, "host");
      kinds = List.copyOf(kinds);
      sourceAddresses = List.copyOf(sourceAddresses);
      if (clientsPerKind < 0) {
        throw new IllegalArgumentException("chaos count must be 0 or more, was " + clientsPerKind);
      }
      if (reconnectDelay.isNegative() || reconnectDelay.isZero() || step.isNegative()
          || step.isZero()) {
        throw new IllegalArgumentException("chaos reconnect delay and step must be positive");
      }
    }

    /** One-second reconnect delay and step, from every address the OS picks. */
    public static Plan of(String host, int port, List<ChaosKind> kinds, int clientsPerKind) {
      return new Plan(host, port, kinds, clientsPerKind, List.of(), Duration.ofSeconds(1),
          Duration.ofSeconds(1), 0, 1);
    }
  }

  public ChaosFleet(Plan plan) {
    this.plan = plan;
  }

  public ChaosStats stats() {
    return stats;
  }

  public int clients() {
    return plan.kinds().size() * plan.clientsPerKind();
  }

  public synchronized void start() {
    if (group != null) {
      throw new IllegalStateException("chaos fleet already started");
    }
    group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("chaos", true),
        NioIoHandler.newFactory());
    InetSocketAddress front = resolve(plan.host(), plan.port());
    Bootstrap template = new Bootstrap().channel(NioSocketChannel.class).remoteAddress(front)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    int index = 0;
    for (ChaosKind kind : plan.kinds()) {
      for (int i = 0; i < plan.clientsPerKind(); i++, index++) {
        EventLoop loop = group.next();
        Bootstrap bootstrap = template.clone(loop);
        if (!plan.sourceAddresses().isEmpty()) {
          bootstrap.localAddress(resolve(
              plan.sourceAddresses().get(index % plan.sourceAddresses().size()), 0));
        }
        ChaosClient client = new ChaosClient(kind, Imei.of(IMEI_PREFIX, plan.firstSerial() + index),
            loop, bootstrap, stats, plan.reconnectDelay().toNanos(), plan.step().toNanos(),
            plan.seed() * 31 + index);
        clients.add(client);
        client.start(plan.step().toNanos() * index / Math.max(1, clients()));
      }
    }
  }

  /** Closes every chaos connection and releases the thread. */
  public synchronized void stop() {
    if (group == null) {
      return;
    }
    clients.forEach(ChaosClient::stop);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    group = null;
  }

  @Override
  public void close() {
    stop();
  }

  private static InetSocketAddress resolve(String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve address '" + host + "'", e);
    }
  }
}
