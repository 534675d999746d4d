package io.fleetwire.simulator.device;

import io.fleetwire.contract.Record;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.SimulationStats;
import io.fleetwire.simulator.teltonika.AvlEncoder;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.EncodedRecord;
import io.fleetwire.simulator.vehicle.Vehicle;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated tracker, behaving as Teltonika devices do: it records on its own schedule into a
 * bounded buffer, logs in with its IMEI, sends up to a frame's worth of the oldest unacked
 * records, and removes records only when the front acks them. A missing ack closes the
 * connection; after reconnecting the device sends the very same frame bytes again. A short ack
 * leaves the unacked records at the head of the buffer to go out in the next frame. A rejected
 * login ends the device.
 *
 * <p>All state is confined to the device's event loop: every method here runs on it.
 */
public final class SimulatedDevice {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);
  private static final byte[] KEEP_ALIVE = {(byte) 0xFF};
  /**
   * Ticks of devices sending every second or slower fall on a shared 100 ms grid: an event loop then
   * wakes once for all its devices due, not once per device, and their frames reach the front's
   * loops together. Thread wake-ups, not records, were most of what 10,000 devices cost.
   */
  static final long TICK_GRID_NANOS = 100_000_000L;
  private static final long GRID_FROM_INTERVAL_NANOS = 10 * TICK_GRID_NANOS;

  private enum State { IDLE, CONNECTING, LOGGING_IN, ONLINE, WAITING_TO_RECONNECT, FINISHED }

  private final SimulationConfig config;
  private final String imei;
  private final Codec codec;
  private final Vehicle vehicle;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final SimulationStats stats;
  private final Consumer<Record> ackedSink;
  private final Runnable onFinished;
  private final long firstTickMillis;
  private final long firstTickDelayNanos;
  private final byte[] login;

  private final ArrayDeque<PendingRecord> buffer = new ArrayDeque<>();
  private State state = State.IDLE;
  private Channel channel;
  private boolean loggedIn;
  private boolean everConnected;
  private long backoffNanos;
  private byte[] inFlight;
  private int inFlightCount;
  private boolean awaitingAck;
  private long inFlightSentAt;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> ticker;
  private boolean producing = true;
  private int ticks;
  private long lastTimestamp = Long.MIN_VALUE;

  /**
   * @param bootstrap already bound to {@code loop}, the front's address and (optionally) a local
   *     address; the device adds its own pipeline
   * @param vehicle the data source, owned by this device
   * @param firstTickMillis record time of the first interval
   * @param firstTickDelayNanos delay from {@link #start} to the first interval
   * @param ackedSink receives each acked record's contract form; {@code null} to keep nothing
   * @param onFinished run once when the device is done (drained, rejected or stopped)
   */
  public SimulatedDevice(SimulationConfig config, String imei, Vehicle vehicle, EventLoop loop,
      Bootstrap bootstrap, SimulationStats stats, long firstTickMillis, long firstTickDelayNanos,
      Consumer<Record> ackedSink, Runnable onFinished) {
    this.config = config;
    this.imei = imei;
    this.codec = config.codec();
    this.vehicle = vehicle;
    this.loop = loop;
    this.stats = stats;
    this.ackedSink = ackedSink;
    this.onFinished = onFinished;
    this.firstTickMillis = firstTickMillis;
    this.firstTickDelayNanos = firstTickDelayNanos;
    this.login = AvlEncoder.login(imei);
    this.backoffNanos = config.reconnectMin().toNanos();
    this.bootstrap = bootstrap.handler(new DevicePipeline(this, config.keepAlive()));
  }

  public String imei() {
    return imei;
  }

  /** Starts recording and connecting after {@code delayNanos}. */
  public void start(long delayNanos) {
    loop.schedule(this::begin, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Stops producing new records; the device finishes once its buffer is acked. */
  public void endProduction() {
    loop.execute(this::stopProducing);
  }

  /** Ends the device now: connection closed, unacked records abandoned. */
  public void stop() {
    loop.execute(this::finish);
  }

  private void begin() {
    if (state == State.FINISHED) {
      return;
    }
    long interval = config.interval().toNanos();
    if (interval > 0) {
      long delay = firstTickDelayNanos;
      if (interval >= GRID_FROM_INTERVAL_NANOS) {
        delay += Math.floorMod(-(System.nanoTime() + delay), TICK_GRID_NANOS);
      }
      ticker = loop.scheduleAtFixedRate(this::tick, delay, interval, TimeUnit.NANOSECONDS);
    } else {
      tick();
    }
    connect();
  }

  private void tick() {
    if (!producing || state == State.FINISHED) {
      return;
    }
    int count = config.recordsPerFrame();
    long intervalMillis = config.interval().toMillis();
    long tickMillis = firstTickMillis + ticks * intervalMillis;
    int dropped = 0;
    for (int k = 0; k < count; k++) {
      long ts = Math.max(lastTimestamp + 1, tickMillis - (count - 1 - k) * intervalMillis / count);
      lastTimestamp = ts;
      EncodedRecord record = EncodedRecord.encode(imei, codec,
          vehicle.next(ts, codec == Codec.CODEC_8E));
      if (buffer.size() >= config.bufferCapacity()) {
        dropped++;
        if (!dropOldestUnsent()) {
          continue;
        }
      }
      buffer.addLast(new PendingRecord(record));
    }
    stats.onGenerated(count);
    if (dropped > 0) {
      stats.onDropped(dropped);
    }
    ticks++;
    if (config.maxFrames() > 0 && ticks >= config.maxFrames()) {
      stopProducing();
    }
    sendIfReady();
  }

  /**
   * Makes room in a full buffer by dropping its oldest record that is not part of the frame
   * awaiting (re)sending: that frame must go out again byte for byte. False when nothing could go.
   */
  private boolean dropOldestUnsent() {
    int keep = inFlight == null ? 0 : inFlightCount;
    var it = buffer.iterator();
    for (int i = 0; i < keep && it.hasNext(); i++) {
      it.next();
    }
    if (!it.hasNext()) {
      return false;
    }
    it.next();
    it.remove();
    return true;
  }

  private void stopProducing() {
    producing = false;
    cancel(ticker);
    finishIfDrained();
  }

  private void connect() {
    if (state == State.FINISHED) {
      return;
    }
    state = State.CONNECTING;
    ChannelFuture connecting = bootstrap.connect();
    connecting.addListener((ChannelFuture f) -> onConnected(f));
  }

  private void onConnected(ChannelFuture future) {
    if (!future.isSuccess()) {
      stats.onConnectFailure();
      LOG.debug("device {}: connect failed: {}", imei, String.valueOf(future.cause()));
      scheduleReconnect();
      return;
    }
    Channel connected = future.channel();
    if (state == State.FINISHED) {
      connected.close();
      return;
    }
    channel = connected;
    stats.onConnect(everConnected);
    everConnected = true;
    state = State.LOGGING_IN;
    connected.closeFuture().addListener(f -> onDisconnected(connected));
    connected.writeAndFlush(Unpooled.wrappedBuffer(login));
    armTimeout();
  }

  void onLoginReply(Channel from, ServerReply.LoginReply reply) {
    if (from != channel || state != State.LOGGING_IN) {
      return;
    }
    cancel(timeout);
    if (!reply.accepted()) {
      stats.onLogin(false);
      LOG.info("device {}: login rejected (answer {})", imei, reply.code());
      finish();
      return;
    }
    stats.onLogin(true);
    loggedIn = true;
    state = State.ONLINE;
    backoffNanos = config.reconnectMin().toNanos();
    sendIfReady();
  }

  private void sendIfReady() {
    if (state != State.ONLINE || awaitingAck) {
      return;
    }
    if (inFlight == null) {
      if (buffer.isEmpty()) {
        if (producing && config.interval().isZero()) {
          tick();
        } else {
          finishIfDrained();
        }
        return;
      }
      inFlightCount = Math.min(config.recordsPerFrame(), buffer.size());
      List<EncodedRecord> frame = new ArrayList<>(inFlightCount);
      int again = 0;
      var it = buffer.iterator();
      for (int i = 0; i < inFlightCount; i++) {
        PendingRecord pending = it.next();
        again += pending.sent ? 1 : 0;
        pending.sent = true;
        frame.add(pending.record);
      }
      inFlight = AvlEncoder.frameOf(codec, frame);
      stats.onFrameSent(inFlightCount - again, again);
    } else {
      stats.onFrameSent(0, inFlightCount);
    }
    awaitingAck = true;
    inFlightSentAt = System.nanoTime();
    channel.writeAndFlush(Unpooled.wrappedBuffer(inFlight));
    armTimeout();
  }

  void onAck(Channel from, long count) {
    if (from != channel) {
      return;
    }
    if (!awaitingAck) {
      LOG.warn("device {}: ack of {} with no frame awaiting one; ignored", imei, count);
      return;
    }
    cancel(timeout);
    awaitingAck = false;
    int accepted = (int) Math.min(count, inFlightCount);
    if (count > inFlightCount) {
      LOG.warn("device {}: ack counts {} records but the frame held {}", imei, count, inFlightCount);
    }
    for (int i = 0; i < accepted; i++) {
      PendingRecord pending = buffer.pollFirst();
      if (ackedSink != null) {
        ackedSink.accept(pending.record.toContractRecord());
      }
    }
    stats.onAck(accepted, accepted < inFlightCount, System.nanoTime() - inFlightSentAt);
    inFlight = null;
    sendIfReady();
  }

  void onWriterIdle(Channel from) {
    if (from == channel && state == State.ONLINE && !awaitingAck) {
      stats.onKeepAlive();
      from.writeAndFlush(Unpooled.wrappedBuffer(KEEP_ALIVE));
    }
  }

  private void armTimeout() {
    cancel(timeout);
    Channel current = channel;
    timeout = loop.schedule(() -> onTimeout(current), config.ackTimeout().toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void onTimeout(Channel on) {
    if (on != channel || state == State.FINISHED) {
      return;
    }
    stats.onAckTimeout();
    LOG.debug("device {}: no {} within {}; reconnecting", imei,
        state == State.LOGGING_IN ? "login answer" : "ack", config.ackTimeout());
    on.close();
  }

  private void onDisconnected(Channel closed) {
    if (closed != channel) {
      return;
    }
    channel = null;
    awaitingAck = false;
    cancel(timeout);
    goOffline();
    if (state == State.FINISHED) {
      return;
    }
    if (!producing && buffer.isEmpty()) {
      finish();
    } else {
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (state == State.FINISHED) {
      return;
    }
    state = State.WAITING_TO_RECONNECT;
    long delay = backoffNanos;
    backoffNanos = Math.min(backoffNanos * 2, config.reconnectMax().toNanos());
    loop.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
  }

  private void finishIfDrained() {
    if (!producing && buffer.isEmpty() && !awaitingAck) {
      finish();
    }
  }

  private void finish() {
    if (state == State.FINISHED) {
      return;
    }
    state = State.FINISHED;
    producing = false;
    cancel(ticker);
    cancel(timeout);
    goOffline();
    if (channel != null) {
      channel.close();
    }
    onFinished.run();
  }

  private void goOffline() {
    if (loggedIn) {
      loggedIn = false;
      stats.onOffline();
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }
}
