package io.fleetwire.azure.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryEnvelope;
import io.fleetwire.contract.TelemetryPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes batches to a Service Bus queue, many batches from many devices per message (DESIGN:
 * "Queue messages and cost at scale"). Batches accumulate in one open envelope; it is sent when
 * the next batch would push it over {@link ServiceBusSettings#envelopeBytes()}, or when it has
 * waited {@link ServiceBusSettings#envelopeLinger()}. Every batch's stage completes when its
 * envelope's send completed and fails when that send failed, so the device is acked only after
 * a durable enqueue (DESIGN rule 1).
 *
 * <p>Each batch is serialized once; the envelope body is assembled from those bytes in exactly
 * the JSON form of {@link TelemetryEnvelope}, so its size is known without serializing again.
 */
public final class ServiceBusTelemetryPublisher implements TelemetryPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceBusTelemetryPublisher.class);
  private static final byte[] HEAD = ("{\"schemaVersion\":" + TelemetryBatch.SCHEMA_VERSION + ",\"batches\":[")
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
  private static final int FRAME_BYTES = HEAD.length + TAIL.length;

  public static final String CONTENT_TYPE = "application/json";
  public static final String SCHEMA_VERSION_PROPERTY = "schemaVersion";
  public static final String BATCH_COUNT_PROPERTY = "batchCount";
  public static final String RECORD_COUNT_PROPERTY = "recordCount";

  private record Pending(TelemetryBatch batch, byte[] json, CompletableFuture<Void> done) {
  }

  private final ServiceBusSenderAsyncClient sender;
  private final ServiceBusSettings settings;
  private final ScheduledExecutorService lingerTimer;
  private final Object lock = new Object();
  private List<Pending> open = new ArrayList<>();
  private int openBytes = FRAME_BYTES;
  private long generation;
  private boolean closed;
  private final AtomicInteger pendingBatches = new AtomicInteger();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean ready = true;

  /** Takes ownership of {@code sender}: {@link #close()} closes it. */
  public ServiceBusTelemetryPublisher(ServiceBusSenderAsyncClient sender, ServiceBusSettings settings) {
    this.sender = sender;
    this.settings = settings;
    this.lingerTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "servicebus-envelope-linger");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Builds the one long-lived sender: by namespace with {@code DefaultAzureCredential} (managed
   * identity on Azure), else by connection string; retries and timeouts from the settings.
   */
  public static ServiceBusTelemetryPublisher create(ServiceBusSettings settings, ServiceBusClients clients) {
    LOG.info("Publishing to Service Bus: {}", settings);
    return new ServiceBusTelemetryPublisher(clients.telemetrySender(settings), settings);
  }

  static AmqpRetryOptions retryOptions(ServiceBusSettings settings) {
    return new AmqpRetryOptions()
        .setMode(AmqpRetryMode.EXPONENTIAL)
        .setMaxRetries(settings.maxRetries())
        .setTryTimeout(settings.tryTimeout());
  }

  @Override
  public CompletionStage<Void> publish(TelemetryBatch batch) {
    byte[] json;
    try {
      json = Json.mapper().writeValueAsBytes(batch);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("batch of " + batch.imei()
          + " cannot be serialized: " + e.getOriginalMessage(), e));
    }
    if (FRAME_BYTES + json.length > settings.envelopeBytes()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("batch of " + batch.imei() + " is "
          + json.length + " bytes, more than an envelope of " + settings.envelopeBytes() + " bytes holds"));
    }
    if (!reserve(json.length)) {
      return CompletableFuture.failedFuture(new RejectedExecutionException("Service Bus publisher backlog full ("
          + settings.maxPendingBatches() + " batches / " + settings.maxPendingBytes() + " bytes pending)"));
    }
    Pending pending = new Pending(batch, json, new CompletableFuture<>());
    List<Pending> full = null;
    synchronized (lock) {
      if (closed) {
        release(1, json.length);
        return CompletableFuture.failedFuture(new IllegalStateException("Service Bus publisher is closed"));
      }
      if (!open.isEmpty() && openBytes + 1 + json.length > settings.envelopeBytes()) {
        full = takeOpen();
      }
      if (open.isEmpty()) {
        long scheduled = generation;
        lingerTimer.schedule(() -> flush(scheduled), settings.envelopeLinger().toNanos(), TimeUnit.NANOSECONDS);
      } else {
        openBytes += 1;
      }
      openBytes += json.length;
      open.add(pending);
    }
    if (full != null) {
      send(full);
    }
    return pending.done();
  }

  @Override
  public boolean isReady() {
    return ready;
  }

  /** Sends what is pending, waits (bounded by the try timeout) for the sends, closes the sender. */
  @Override
  public void close() {
    List<Pending> rest;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      rest = open.isEmpty() ? null : takeOpen();
    }
    if (rest != null) {
      send(rest);
    }
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(settings.tryTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.warn("Closing the Service Bus sender with {} envelope(s) unconfirmed; their devices will resend",
          inFlight.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lingerTimer.shutdownNow();
      sender.close();
    }
  }

  private void flush(long scheduled) {
    List<Pending> due;
    synchronized (lock) {
      if (scheduled != generation || open.isEmpty()) {
        return;
      }
      due = takeOpen();
    }
    send(due);
  }

  /** Caller holds {@link #lock}. A new generation makes the taken envelope's linger timer a no-op. */
  private List<Pending> takeOpen() {
    List<Pending> taken = open;
    open = new ArrayList<>();
    openBytes = FRAME_BYTES;
    generation++;
    return taken;
  }

  private void send(List<Pending> envelope) {
    List<TelemetryBatch> batches = envelope.stream().map(Pending::batch).toList();
    TelemetryEnvelope contents = TelemetryEnvelope.of(batches);
    ServiceBusMessage message = new ServiceBusMessage(body(envelope))
        .setContentType(CONTENT_TYPE)
        .setMessageId(contents.messageId());
    message.getApplicationProperties().put(SCHEMA_VERSION_PROPERTY, contents.schemaVersion());
    message.getApplicationProperties().put(BATCH_COUNT_PROPERTY, batches.size());
    message.getApplicationProperties().put(RECORD_COUNT_PROPERTY, contents.recordCount());
    CompletableFuture<Void> sent = new CompletableFuture<>();
    inFlight.add(sent);
    Mono<Void> sending;
    try {
      sending = sender.sendMessage(message);
    } catch (RuntimeException e) {
      settle(envelope, message.getMessageId(), e, sent);
      return;
    }
    sending.subscribe(ignored -> { },
        error -> settle(envelope, message.getMessageId(), error, sent),
        () -> settle(envelope, message.getMessageId(), null, sent));
  }

  private static byte[] body(List<Pending> envelope) {
    int size = FRAME_BYTES + envelope.size() - 1;
    for (Pending pending : envelope) {
      size += pending.json().length;
    }
    byte[] body = new byte[size];
    System.arraycopy(HEAD, 0, body, 0, HEAD.length);
    int at = HEAD.length;
    for (int i = 0; i < envelope.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] json = envelope.get(i).json();
      System.arraycopy(json, 0, body, at, json.length);
      at += json.length;
    }
    System.arraycopy(TAIL, 0, body, at, TAIL.length);
    return body;
  }

  private void settle(List<Pending> envelope, String messageId, Throwable error, CompletableFuture<Void> sent) {
    long bytes = 0;
    for (Pending pending : envelope) {
      bytes += pending.json().length;
    }
    release(envelope.size(), bytes);
    ready = error == null;
    if (error != null) {
      LOG.warn("Service Bus send of envelope {} ({} batches) failed; its devices are not acked: {}",
          messageId, envelope.size(), error.toString());
    }
    for (Pending pending : envelope) {
      if (error == null) {
        pending.done().complete(null);
      } else {
        pending.done().completeExceptionally(error);
      }
    }
    inFlight.remove(sent);
    sent.complete(null);
  }

  private boolean reserve(int bytes) {
    int batches = pendingBatches.incrementAndGet();
    long total = pendingBytes.addAndGet(bytes);
    if (batches > settings.maxPendingBatches() || total > settings.maxPendingBytes()) {
      release(1, bytes);
      return false;
    }
    return true;
  }

  private void release(int batches, long bytes) {
    pendingBatches.addAndGet(-batches);
    pendingBytes.addAndGet(-bytes);
  }
}
