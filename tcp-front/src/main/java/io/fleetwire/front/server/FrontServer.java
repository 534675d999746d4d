package io.fleetwire.front.server;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.backpressure.ReadPause;
import io.fleetwire.front.backpressure.ReadPause.Reason;
import io.fleetwire.front.health.HealthServer;
import io.fleetwire.front.health.Readiness;
import io.fleetwire.front.limits.ConnectionAdmission;
import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.session.DeviceResponseListener;
import io.fleetwire.front.session.PublishPermits;
import io.fleetwire.front.session.SessionEvents;
import io.fleetwire.front.session.SessionServices;
import io.fleetwire.front.tls.ReloadingTlsContext;
import io.fleetwire.front.tls.TlsListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The device front as a library: one login port for any number of devices, optional fixed-IMEI
 * listeners, and the health/metrics listener. {@link #close()} drains gracefully. The publisher
 * belongs to the caller, who closes it after the front.
 */
public final class FrontServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontServer.class);
  private static final long QUIET_PERIOD_MILLIS = 0;
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

  private final FrontConfig config;
  private final TelemetryPublisher publisher;
  private final FrontMetrics metrics;
  private final PublishPermits permits;
  private final AtomicBoolean draining;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup connections = new DefaultChannelGroup("devices", GlobalEventExecutor.INSTANCE);
  private final Map<String, Channel> fixedListeners = new LinkedHashMap<>();
  private Channel listener;
  private Channel tlsListener;
  private Channel inProcessListener;
  private EventLoopGroup inProcessLoops;
  private DeviceChannelInitializer loginPipeline;
  private HealthServer health;

  private FrontServer(FrontConfig config, TelemetryPublisher publisher, MeterRegistry meters) {
    this.config = config;
    this.publisher = publisher;
    this.metrics = new FrontMetrics(meters);
    this.permits = new PublishPermits(config.maxInFlightPublishes());
    this.draining = new AtomicBoolean();
    this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    Gauge.builder("fleetwire.publish.in_flight", permits, PublishPermits::inFlight)
        .description("Publishes awaiting the publisher's confirmation")
        .register(meters);
  }

  /** Starts with the default device-response listener (logs each response). */
  public static FrontServer start(FrontConfig config, TelemetryPublisher publisher, DeviceRegistry registry,
      MeterRegistry meters) {
    return start(config, publisher, registry, DeviceResponseListener.logging(), meters);
  }

  /**
   * Binds every listener and returns once they accept connections.
   *
   * @throws IllegalStateException when a port cannot be bound (message names the port)
   */
  public static FrontServer start(FrontConfig config, TelemetryPublisher publisher, DeviceRegistry registry,
      DeviceResponseListener responses, MeterRegistry meters) {
    return start(config, publisher, registry, responses, SessionEvents.none(), meters);
  }

  /** As above, and {@code events} learns when devices come online, get acked and go offline. */
  public static FrontServer start(FrontConfig config, TelemetryPublisher publisher, DeviceRegistry registry,
      DeviceResponseListener responses, SessionEvents events, MeterRegistry meters) {
    FrontServer server = new FrontServer(config, publisher, meters);
    try {
      server.bind(registry, responses, events, meters);
    } catch (RuntimeException e) {
      server.shutDownLoops();
      throw e;
    }
    return server;
  }

  private void bind(DeviceRegistry registry, DeviceResponseListener responses, SessionEvents events,
      MeterRegistry meters) {
    SessionServices services = new SessionServices(publisher, registry, responses, metrics, permits,
        config.frontId(), Clock.systemUTC(), draining::get, events);
    ConnectionAdmission admission = ConnectionAdmission.of(config.limits(), metrics);
    loginPipeline = devicePipeline(services, admission, null, null);
    listener = bindDevices("device port", config.port(), loginPipeline);
    for (FixedImeiListener fixed : config.fixedImeis()) {
      Channel channel = bindDevices("fixed-IMEI port for " + fixed.imei(), fixed.port(),
          devicePipeline(services, admission, fixed.imei(), null));
      fixedListeners.put(fixed.imei(), channel);
    }
    TlsListener tls = config.tls();
    if (tls != null) {
      ReloadingTlsContext context = ReloadingTlsContext.load(tls, meters);
      tlsListener = bindDevices("TLS device port", tls.port(), devicePipeline(services, admission, null, context));
      long every = tls.reloadInterval().toMillis();
      boss.scheduleWithFixedDelay(context::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }
    if (config.healthPort() != FrontConfig.NO_HEALTH_PORT) {
      Readiness readiness = new Readiness() {
        @Override
        public boolean publisherReady() {
          return publisher.isReady();
        }

        @Override
        public boolean draining() {
          return draining.get();
        }
      };
      try {
        health = HealthServer.start(config.healthHost(), config.healthPort(), readiness, meters,
            config.limits().writeTimeout());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while binding the health port", e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot bind the health port " + config.healthHost() + ":" + config.healthPort()
            + ": " + e.getMessage(), e);
      }
    }
    LOG.info("front {} listening: devices on {}:{}, TLS {}, fixed-IMEI {}, health {}:{}, idle timeout {}, max frame {} bytes,"
            + " {}", config.frontId(), config.host(), port(), tlsListener == null ? "off" : tlsPort(),
        fixedListeners.keySet(), config.healthHost(), health == null ? "off" : health.port(), config.idleTimeout(), config.maxFrameBytes(),
        config.limits());
  }

  private DeviceChannelInitializer devicePipeline(SessionServices services, ConnectionAdmission admission,
      String fixedImei, ReloadingTlsContext tls) {
    return new DeviceChannelInitializer(services, config.idleTimeout(), config.maxFrameBytes(), fixedImei,
        connections, config.limits(), admission, tls);
  }

  private Channel bindDevices(String what, int port, DeviceChannelInitializer initializer) {
    try {
      return new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          .childOption(ChannelOption.SO_SNDBUF, DeviceChannelInitializer.SEND_BUFFER_BYTES)
          .childHandler(initializer)
          .bind(config.host(), port).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the " + what, e);
    } catch (Exception e) {
      // Netty rethrows the BindException unchecked-style: catch it here to name the port.
      throw bindFailure(what, port, e);
    }
  }

  /**
   * Opens the login port's pipeline to devices in this JVM over Netty's in-process transport and
   * returns the address they connect to. Every byte goes through framing, decoding, session and
   * acks as on TCP, without a socket: each TCP connection made inside one process holds two file
   * descriptors (both ends), so simulated fleets in the same JVM as the front would otherwise
   * need twice their size in the open-files limit. The address is unique in this JVM. In-process
   * channels run on event loops of their own (Netty's local transport cannot share the socket
   * loops), as many as there are cores.
   *
   * @throws IllegalStateException if it is already open
   */
  public synchronized LocalAddress acceptInProcess() {
    if (inProcessListener != null) {
      throw new IllegalStateException("the in-process device listener is already open");
    }
    inProcessLoops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        new DefaultThreadFactory("front-in-process", true), LocalIoHandler.newFactory());
    try {
      inProcessListener = new ServerBootstrap()
          .group(inProcessLoops)
          .channel(LocalServerChannel.class)
          .childHandler(loginPipeline)
          // A name of our own: Netty's generated ones do not survive LocalAddress(String), which lower-cases.
          .bind(new LocalAddress("fleetwire-devices-" + UUID.randomUUID())).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the in-process device listener", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the in-process device listener: " + e.getMessage(), e);
    }
    return (LocalAddress) inProcessListener.localAddress();
  }

  private IllegalStateException bindFailure(String what, int port, Exception cause) {
    return new IllegalStateException("cannot bind the " + what + " " + config.host() + ":" + port + ": "
        + cause.getMessage(), cause);
  }

  /** The bound login port (the real one when configured as 0). */
  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The bound TLS port (the real one when configured as 0). */
  public int tlsPort() {
    if (tlsListener == null) {
      throw new IllegalStateException("no TLS listener configured");
    }
    return ((InetSocketAddress) tlsListener.localAddress()).getPort();
  }

  /** The bound port of the fixed-IMEI listener for {@code imei}. */
  public int fixedImeiPort(String imei) {
    Channel channel = fixedListeners.get(imei);
    if (channel == null) {
      throw new IllegalArgumentException("no fixed-IMEI listener for " + imei);
    }
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The bound health port, or {@link FrontConfig#NO_HEALTH_PORT} when none was started. */
  public int healthPort() {
    return health == null ? FrontConfig.NO_HEALTH_PORT : health.port();
  }

  public boolean isDraining() {
    return draining.get();
  }

  /** What {@code /health/ready} reports: the publisher can publish and the front is not draining. */
  public boolean isReady() {
    return publisher.isReady() && !draining.get();
  }

  /** Open device connections. */
  public int connections() {
    return metrics.connections();
  }

  public int inFlightPublishes() {
    return permits.inFlight();
  }

  /**
   * Graceful drain: stop accepting, stop reading, wait (up to the drain timeout) until every
   * in-flight publish finished and its ack was flushed, then close connections and event loops.
   * Idempotent. Blocks: call it from a shutdown hook or an application thread, never from an
   * event loop.
   */
  @Override
  public void close() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    LOG.info("draining: {} connections, {} publishes in flight", connections(), permits.inFlight());
    listener.close().syncUninterruptibly();
    fixedListeners.values().forEach(channel -> channel.close().syncUninterruptibly());
    if (tlsListener != null) {
      tlsListener.close().syncUninterruptibly();
    }
    synchronized (this) {
      if (inProcessListener != null) {
        inProcessListener.close().syncUninterruptibly();
      }
    }
    connections.forEach(channel -> channel.eventLoop().execute(() -> ReadPause.of(channel).pause(Reason.DRAINING)));
    try {
      if (!permits.awaitIdle(config.drainTimeout())) {
        LOG.warn("drain timeout {} passed with {} publishes in flight; closing anyway",
            config.drainTimeout(), permits.inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    if (health != null) {
      health.close();
    }
    shutDownLoops();
    LOG.info("front {} stopped", config.frontId());
  }

  private void shutDownLoops() {
    boss.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    workers.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    boss.terminationFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2);
    workers.terminationFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2);
    synchronized (this) {
      if (inProcessLoops != null) {
        inProcessLoops.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS * 2);
      }
    }
  }
}
