package io.fleetwire.simulator;

import io.fleetwire.simulator.teltonika.Codec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Simulation} runs. Build with {@link #builder()}; every setting has a default.
 *
 * @param host front host name or address
 * @param port front port
 * @param devices number of simulated trackers
 * @param firstDevice serial number of the first device, so several processes get distinct IMEIs
 * @param imeiPrefix leading IMEI digits (type allocation code); serial and Luhn digit follow
 * @param interval how often each device produces a frame's worth of records; {@code ZERO} means
 *     closed loop: the next frame's records are produced as soon as the previous frame is acked
 * @param recordsPerFrame records produced per interval and the most sent in one frame (1..255)
 * @param codec AVL codec of every device
 * @param duration how long devices produce records; {@code null} for no limit
 * @param maxFrames produce records for at most this many intervals per device; 0 for no limit
 * @param seed seed of all simulated data (routes, sensors, events, start offsets)
 * @param startTime record time of the first interval; {@code null} for the moment of start
 * @param sourceAddresses local addresses to connect from, spread over devices round-robin (e.g.
 *     127.0.0.2, 127.0.0.3 to get more than one address's ephemeral ports); empty lets the OS pick
 * @param ackTimeout how long a device waits for the login answer or an ack before it reconnects
 * @param reconnectMin first reconnect delay; doubles after each failed attempt
 * @param reconnectMax largest reconnect delay
 * @param connectTimeout TCP connect timeout
 * @param rampUp devices start evenly spread over this time (avoids a connect storm)
 * @param drainTimeout after {@code duration}, how long devices may still send their unacked records
 * @param keepAlive idle time after which an online device sends the {@code FF} keep-alive; {@code
 *     null} or zero for none
 * @param bufferCapacity records a device keeps until acked; the oldest are dropped beyond it
 * @param keepAckedRecords whether {@link Simulation#ackedRecords()} keeps every acked record (tests);
 *     off for load runs
 * @param ioThreads event loop threads that run all devices
 * @param tls how to speak TLS to the front's TLS port; {@code null} for plain TCP
 * @param inProcessAddress name of a front's in-process listener in this JVM to connect to instead
 *     of {@code host}/{@code port} (no socket, no file descriptor per device); {@code null} for TCP
 */
public record SimulationConfig(
    String host,
    int port,
    int devices,
    long firstDevice,
    String imeiPrefix,
    Duration interval,
    int recordsPerFrame,
    Codec codec,
    Duration duration,
    int maxFrames,
    long seed,
    Instant startTime,
    List<String> sourceAddresses,
    Duration ackTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration connectTimeout,
    Duration rampUp,
    Duration drainTimeout,
    Duration keepAlive,
    int bufferCapacity,
    boolean keepAckedRecords,
    int ioThreads,
    SimulatorTls tls,
    String inProcessAddress) {

  public SimulationConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(interval, "interval");
    sourceAddresses = List.copyOf(sourceAddresses);
    require(port > 0 && port < 65536, "port must be 1..65535, was " + port);
    require(devices > 0, "devices must be at least 1, was " + devices);
    require(recordsPerFrame >= 1 && recordsPerFrame <= 255,
        "records per frame must be 1..255, was " + recordsPerFrame);
    require(!interval.isNegative(), "interval must not be negative");
    require(duration == null || !duration.isNegative(), "duration must not be negative");
    require(maxFrames >= 0, "max frames must not be negative");
    require(bufferCapacity >= recordsPerFrame,
        "buffer capacity " + bufferCapacity + " must hold at least one frame");
    require(positive(ackTimeout) && positive(reconnectMin) && positive(reconnectMax)
        && positive(connectTimeout), "timeouts and reconnect delays must be positive");
    require(reconnectMax.compareTo(reconnectMin) >= 0, "reconnect max must not be below min");
    require(rampUp != null && !rampUp.isNegative(), "ramp-up must not be negative");
    require(drainTimeout != null && !drainTimeout.isNegative(), "drain timeout must not be negative");
    require(ioThreads >= 1, "io threads must be at least 1");
    require(inProcessAddress == null || (tls == null && sourceAddresses.isEmpty()),
        "an in-process connection takes neither TLS nor source addresses");
    Imei.of(imeiPrefix, firstDevice + devices - 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The IMEI of device {@code index} (0-based within this simulation). */
  public String imei(int index) {
    return Imei.of(imeiPrefix, firstDevice + index);
  }

  private static boolean positive(Duration value) {
    return value != null && !value.isNegative() && !value.isZero();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Fluent construction with defaults for everything not set. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5027;
    private int devices = 1;
    private long firstDevice;
    private String imeiPrefix = "35630704";
    private Duration interval = Duration.ofSeconds(10);
    private int recordsPerFrame = 1;
    private Codec codec = Codec.CODEC_8;
    private Duration duration;
    private int maxFrames;
    private long seed = 1;
    private Instant startTime;
    private List<String> sourceAddresses = List.of();
    private Duration ackTimeout = Duration.ofSeconds(10);
    private Duration reconnectMin = Duration.ofSeconds(1);
    private Duration reconnectMax = Duration.ofSeconds(60);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration rampUp = Duration.ZERO;
    private Duration drainTimeout = Duration.ofSeconds(10);
    private Duration keepAlive;
    private int bufferCapacity = 1000;
    private boolean keepAckedRecords = true;
    private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private SimulatorTls tls;
    private String inProcessAddress;

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder devices(int value) {
      devices = value;
      return this;
    }

    public Builder firstDevice(long value) {
      firstDevice = value;
      return this;
    }

    public Builder imeiPrefix(String value) {
      imeiPrefix = value;
      return this;
    }

    public Builder interval(Duration value) {
      interval = value;
      return this;
    }

    public Builder recordsPerFrame(int value) {
      recordsPerFrame = value;
      return this;
    }

    public Builder codec(Codec value) {
      codec = value;
      return this;
    }

    public Builder duration(Duration value) {
      duration = value;
      return this;
    }

    public Builder maxFrames(int value) {
      maxFrames = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder startTime(Instant value) {
      startTime = value;
      return this;
    }

    public Builder sourceAddresses(List<String> value) {
      sourceAddresses = value;
      return this;
    }

    public Builder ackTimeout(Duration value) {
      ackTimeout = value;
      return this;
    }

    public Builder reconnectBackoff(Duration min, Duration max) {
      reconnectMin = min;
      reconnectMax = max;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder rampUp(Duration value) {
      rampUp = value;
      return this;
    }

    public Builder drainTimeout(Duration value) {
      drainTimeout = value;
      return this;
    }

    public Builder keepAlive(Duration value) {
      keepAlive = value;
      return this;
    }

    public Builder bufferCapacity(int value) {
      bufferCapacity = value;
      return this;
    }

    public Builder keepAckedRecords(boolean value) {
      keepAckedRecords = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    /** {@code null} for plain TCP. */
    public Builder tls(SimulatorTls value) {
      tls = value;
      return this;
    }

    /** {@code null} for TCP to host and port. */
    public Builder inProcessAddress(String value) {
      inProcessAddress = value;
      return this;
    }

    public SimulationConfig build() {
      return new SimulationConfig(host, port, devices, firstDevice, imeiPrefix, interval,
          recordsPerFrame, codec, duration, maxFrames, seed, startTime, sourceAddresses, ackTimeout,
          reconnectMin, reconnectMax, connectTimeout, rampUp, drainTimeout, keepAlive,
          bufferCapacity, keepAckedRecords, ioThreads, tls, inProcessAddress);
    }
  }
}
