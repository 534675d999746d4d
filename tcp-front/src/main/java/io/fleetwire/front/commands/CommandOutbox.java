package io.fleetwire.front.commands;

import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.front.session.DeviceResponseListener;
import io.fleetwire.front.session.DeviceText;
import io.fleetwire.front.session.SessionEvents;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ServerMessage;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends stored device commands to the devices this front holds and records what became of them.
 * One command at a time per device: Teltonika answers (Codec 12/14) carry no id, so the next
 * answer belongs to the command in flight. A device's queued commands go out after its first
 * acked data frame on a connection (not at login) and whenever {@link #commandQueued} says a new
 * one arrived. No answer within the response timeout → {@code expired}; Codec 14 type 11 (IMEI
 * mismatch) → {@code failed}; a connection closed with a command in flight → {@code failed}.
 *
 * <p>Threads: all per-device state and every store call live on one outbox thread, so event
 * loops never block on the store and the state needs no locks.
 */
public final class CommandOutbox implements CommandDispatcher, DeviceResponseListener, SessionEvents,
    AutoCloseable {
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final long CLOSE_TIMEOUT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(CommandOutbox.class);

  private final CommandStore store;
  private final Clock clock;
  private final Duration responseTimeout;
  private final ScheduledExecutorService thread;
  private final Map<String, Link> links = new HashMap<>();
  /** Devices online whose queued commands were not yet looked up: read on event loops. */
  private final Set<String> awaitingFirstAck = ConcurrentHashMap.newKeySet();
  /** Devices with a command in flight: written on the outbox thread, read on event loops. */
  private final Set<String> awaitingAnswer = ConcurrentHashMap.newKeySet();

  public CommandOutbox(CommandStore store, Clock clock, Duration responseTimeout) {
    if (responseTimeout.isNegative() || responseTimeout.isZero()) {
      throw new IllegalArgumentException("command response timeout must be positive, was " + responseTimeout);
    }
    this.store = store;
    this.clock = clock;
    this.responseTimeout = responseTimeout;
    this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "command-outbox");
      t.setDaemon(true);
      return t;
    });
  }

  /** The connection of one device and its command in flight. Touched on the outbox thread only. */
  private static final class Link {
    final Channel channel;
    boolean ready;
    DeviceCommand inFlight;
    ScheduledFuture<?> timeout;

    Link(Channel channel) {
      this.channel = channel;
    }
  }

  @Override
  public void online(String imei, Channel channel) {
    awaitingFirstAck.add(imei);
    run(() -> {
      Link previous = links.put(imei, new Link(channel));
      if (previous != null) {
        endInFlight(imei, previous, "the device reconnected before answering");
      }
    });
  }

  @Override
  public void recordsAcked(String imei, Channel channel) {
    if (awaitingFirstAck.remove(imei)) {
      run(() -> {
        Link link = links.get(imei);
        if (link != null && link.channel == channel) {
          link.ready = true;
          sendNext(imei);
        }
      });
    }
  }

  @Override
  public void offline(String imei, Channel channel) {
    run(() -> {
      Link link = links.get(imei);
      if (link != null && link.channel == channel) {
        links.remove(imei);
        awaitingFirstAck.remove(imei);
        endInFlight(imei, link, "the connection closed before the device answered");
      }
    });
  }

  /** A new command was stored: sent now when this front holds the device, else ignored. */
  @Override
  public void commandQueued(String imei, String commandId) {
    run(() -> sendNext(imei));
  }

  @Override
  public boolean awaitsAnswer(String imei) {
    return awaitingAnswer.contains(imei);
  }

  @Override
  public void onResponse(String imei, SocketAddress remote, DeviceResponse response) {
    run(() -> answered(imei, remote, response));
  }

  private void answered(String imei, SocketAddress remote, DeviceResponse response) {
    Link link = links.get(imei);
    if (link == null || link.inFlight == null) {
      LOG.debug("imei={} remote={} answer with no command in flight: codec={} type={} text='{}'",
          imei, remote, response.codec(), response.type(), DeviceText.forLog(response.payload()));
      return;
    }
    DeviceCommand command = link.inFlight;
    clearInFlight(imei, link);
    Instant now = clock.instant();
    DeviceCommand outcome = response.type() == DeviceResponse.TYPE_IMEI_MISMATCH
        ? command.refused(now, response.payload(), "IMEI mismatch (Codec 14 type 0x11): the device reports IMEI "
            + response.imei())
        : command.answered(now, response.payload());
    record(outcome);
    sendNext(imei);
  }

  private void sendNext(String imei) {
    Link link = links.get(imei);
    if (link == null || !link.ready || link.inFlight != null || !link.channel.isActive()) {
      return;
    }
    for (DeviceCommand queued : store.queued(imei)) {
      Instant now = clock.instant();
      if (now.isAfter(queued.deliverBy())) {
        record(queued.expired(now, "not delivered within its ttl of " + queued.ttlSeconds() + " s"),
            CommandStatus.QUEUED);
        continue;
      }
      DeviceCommand sent = queued.sent(now);
      if (!store.transition(sent, CommandStatus.QUEUED)) {
        continue;
      }
      send(imei, link, sent);
      return;
    }
  }

  private void send(String imei, Link link, DeviceCommand sent) {
    link.inFlight = sent;
    awaitingAnswer.add(imei);
    link.timeout = thread.schedule(guarded(() -> timedOut(imei, sent.id())), responseTimeout.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("imei={} sending command {} (codec {}): '{}'", imei, sent.id(), sent.codec(), sent.text());
    int codec = sent.codec() == DeviceCommand.CODEC_14 ? DeviceResponse.CODEC_14 : DeviceResponse.CODEC_12;
    link.channel.writeAndFlush(new ServerMessage.Command(codec, sent.text(),
        codec == DeviceResponse.CODEC_14 ? imei : null)).addListener(write -> {
          if (!write.isSuccess()) {
            run(() -> notWritten(imei, link, sent, write.cause()));
          }
        });
  }

  /** The command never left: it stays queued for the device's next connection. */
  private void notWritten(String imei, Link link, DeviceCommand sent, Throwable cause) {
    LOG.warn("imei={} command {} not written ({}); queued again", imei, sent.id(), String.valueOf(cause));
    if (link.inFlight != null && link.inFlight.id().equals(sent.id())) {
      clearInFlight(imei, link);
    }
    store.transition(sent.requeued(), CommandStatus.SENT);
  }

  private void timedOut(String imei, String commandId) {
    Link link = links.get(imei);
    if (link == null || link.inFlight == null || !link.inFlight.id().equals(commandId)) {
      return;
    }
    DeviceCommand command = link.inFlight;
    clearInFlight(imei, link);
    record(command.expired(clock.instant(), "no answer within " + responseTimeout.toSeconds() + " s"));
    sendNext(imei);
  }

  private void endInFlight(String imei, Link link, String reason) {
    if (link.inFlight != null) {
      DeviceCommand command = link.inFlight;
      clearInFlight(imei, link);
      LOG.info("imei={} command {} failed: {}", imei, command.id(), reason);
      record(command.failed(clock.instant(), reason));
    }
  }

  private void clearInFlight(String imei, Link link) {
    link.inFlight = null;
    awaitingAnswer.remove(imei);
    if (link.timeout != null) {
      link.timeout.cancel(false);
      link.timeout = null;
    }
  }

  private void record(DeviceCommand outcome) {
    record(outcome, CommandStatus.SENT);
  }

  private void record(DeviceCommand outcome, CommandStatus from) {
    if (store.transition(outcome, from)) {
      LOG.info("imei={} command {} {}{}", outcome.imei(), outcome.id(), outcome.status().label(),
          outcome.failureReason() == null ? "" : ": " + outcome.failureReason());
    } else {
      LOG.warn("imei={} command {} was no longer {}; outcome {} not recorded", outcome.imei(), outcome.id(),
          from.label(), outcome.status().label());
    }
  }

  private void run(Runnable task) {
    try {
      thread.execute(guarded(task));
    } catch (RejectedExecutionException e) {
      LOG.debug("command outbox closed; step dropped");
    }
  }

  /** A failing step (the store unavailable) is logged; the commands it touched stay as stored. */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("command outbox step failed", e);
      }
    };
  }

  /** Stops sending; a command in flight ends {@code failed} (its answer could no longer be matched). */
  @Override
  public void close() {
    run(() -> links.forEach((imei, link) -> endInFlight(imei, link, "the front stopped before the device answered")));
    thread.shutdown();
    try {
      if (!thread.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.shutdownNow();
    }
  }
}
