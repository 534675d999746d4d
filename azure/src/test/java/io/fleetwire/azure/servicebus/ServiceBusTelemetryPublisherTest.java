package io.fleetwire.azure.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderAsyncClient;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ServiceBusTelemetryPublisherTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private static final int SMALL_ENVELOPE = ServiceBusSettings.MIN_ENVELOPE_BYTES;

  private final ServiceBusSenderAsyncClient sender = mock(ServiceBusSenderAsyncClient.class);
  private ServiceBusTelemetryPublisher publisher;

  @BeforeEach
  void sendsSucceedByDefault() {
    when(sender.sendMessage(any())).thenReturn(Mono.empty());
  }

  @AfterEach
  void closePublisher() {
    if (publisher != null) {
      publisher.close();
    }
  }

  private static ServiceBusSettings settings(int envelopeBytes, Duration linger) {
    return new ServiceBusSettings("fleetwire.servicebus.windows.net", null, "telemetry", envelopeBytes, linger,
        1000, 16L * 1024 * 1024, 0, Duration.ofMillis(300));
  }

  private ServiceBusTelemetryPublisher publisher(ServiceBusSettings settings) {
    publisher = new ServiceBusTelemetryPublisher(sender, settings);
    return publisher;
  }

  /** A batch of {@code records} records; each record carries 20 IO values, so about 400 bytes of JSON. */
  static TelemetryBatch batch(String imei, int records, int seed) {
    List<Record> list = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      Instant ts = Instant.parse("2024-03-01T10:00:00Z").plusSeconds(seed * 1000L + i);
      TreeMap<Integer, Long> io = new TreeMap<>();
      for (int id = 1; id <= 20; id++) {
        io.put(id, 1000L * id + seed);
      }
      list.add(new Record(RecordId.of(imei, ts, new byte[] {(byte) seed, (byte) i}), imei, ts, ts.plusSeconds(1),
          54.6872, 25.2797, 120, 90, 60, 9, 1, 0, null, io, null, null));
    }
    return TelemetryBatch.of(imei, Instant.parse("2024-03-01T11:00:00Z"), "front-1", 8, list);
  }

  private List<ServiceBusMessage> sentMessages(int atLeast) {
    ArgumentCaptor<ServiceBusMessage> sent = ArgumentCaptor.forClass(ServiceBusMessage.class);
    verify(sender, timeout(5000).atLeast(atLeast)).sendMessage(sent.capture());
    return sent.getAllValues();
  }

  private static TelemetryEnvelope parse(ServiceBusMessage message) throws Exception {
    return Json.mapper().readValue(message.getBody().toBytes(), TelemetryEnvelope.class);
  }

  private static int jsonSize(TelemetryBatch batch) throws Exception {
    return Json.mapper().writeValueAsBytes(batch).length;
  }

  private static void await(CompletionStage<Void> stage) throws Exception {
    stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsOneEnvelopeWhoseBodyParsesBackToExactlyThePublishedBatches() throws Exception {
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES, NEVER));
    List<TelemetryBatch> batches = List.of(batch("356307042441013", 2, 1), batch("356307042441014", 1, 2),
        batch("356307042441013", 3, 3));
    batches.forEach(publisher::publish);
    publisher.close();

    List<ServiceBusMessage> sent = sentMessages(1);
    assertEquals(1, sent.size());
    assertEquals(batches, parse(sent.get(0)).batches());
    assertEquals(Json.mapper().writeValueAsString(TelemetryEnvelope.of(batches)), sent.get(0).getBody().toString());
    assertEquals("application/json", sent.get(0).getContentType());
  }

  @Test
  void messageIdIsTheEnvelopeHashSoTheSameContentGetsTheSameId() throws Exception {
    List<TelemetryBatch> batches = List.of(batch("356307042441013", 2, 1), batch("356307042441014", 1, 2));
    ServiceBusTelemetryPublisher first = new ServiceBusTelemetryPublisher(sender, settings(SMALL_ENVELOPE * 16, NEVER));
    batches.forEach(first::publish);
    first.close();
    ServiceBusTelemetryPublisher again = new ServiceBusTelemetryPublisher(sender, settings(SMALL_ENVELOPE * 16, NEVER));
    batches.forEach(again::publish);
    again.close();
    ServiceBusTelemetryPublisher other = new ServiceBusTelemetryPublisher(sender, settings(SMALL_ENVELOPE * 16, NEVER));
    other.publish(batches.get(0));
    other.close();

    List<ServiceBusMessage> sent = sentMessages(3);
    assertEquals(TelemetryEnvelope.of(batches).messageId(), sent.get(0).getMessageId());
    assertEquals(sent.get(0).getMessageId(), sent.get(1).getMessageId());
    assertNotEquals(sent.get(0).getMessageId(), sent.get(2).getMessageId());
  }

  @Test
  void setsSchemaVersionBatchCountAndRecordCountProperties() {
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES, NEVER));
    publisher.publish(batch("356307042441013", 2, 1));
    publisher.publish(batch("356307042441014", 3, 2));
    publisher.close();

    ServiceBusMessage message = sentMessages(1).get(0);
    assertEquals(TelemetryBatch.SCHEMA_VERSION, message.getApplicationProperties().get("schemaVersion"));
    assertEquals(2, message.getApplicationProperties().get("batchCount"));
    assertEquals(5, message.getApplicationProperties().get("recordCount"));
  }

  @Test
  void splitsBatchesIntoEnvelopesNoLargerThanTheBound() throws Exception {
    ServiceBusTelemetryPublisher publisher = publisher(settings(SMALL_ENVELOPE, NEVER));
    List<TelemetryBatch> batches = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      batches.add(batch("35630704244101" + i, 3, i));
    }
    assertTrue(jsonSize(batches.get(0)) * 3 > SMALL_ENVELOPE, "fixture: three batches overflow one envelope");
    batches.forEach(publisher::publish);
    publisher.close();

    List<ServiceBusMessage> sent = sentMessages(2);
    List<TelemetryBatch> received = new ArrayList<>();
    for (ServiceBusMessage message : sent) {
      assertTrue(message.getBody().toBytes().length <= SMALL_ENVELOPE,
          "envelope of " + message.getBody().toBytes().length + " bytes exceeds the bound");
      received.addAll(parse(message).batches());
    }
    assertTrue(sent.size() >= 3);
    assertEquals(batches, received);
  }

  @Test
  void sendsALoneBatchWhenTheLingerTimeEnds() throws Exception {
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES,
        Duration.ofMillis(20)));
    TelemetryBatch batch = batch("356307042441013", 1, 1);
    CompletionStage<Void> done = publisher.publish(batch);

    assertEquals(List.of(batch), parse(sentMessages(1).get(0)).batches());
    await(done);
  }

  @Test
  void acksOnlyAfterSendCompletes() throws Exception {
    Sinks.One<Void> send = Sinks.one();
    when(sender.sendMessage(any())).thenReturn(send.asMono());
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES,
        Duration.ofMillis(1)));
    CompletableFuture<Void> done = publisher.publish(batch("356307042441013", 1, 1)).toCompletableFuture();
    sentMessages(1);

    assertFalse(done.isDone(), "completed before the send did");
    send.tryEmitEmpty();
    await(done);
  }

  @Test
  void successCompletesExactlyTheFuturesOfThatEnvelope() throws Exception {
    Sinks.One<Void> firstSend = Sinks.one();
    Sinks.One<Void> secondSend = Sinks.one();
    when(sender.sendMessage(any())).thenReturn(firstSend.asMono()).thenReturn(secondSend.asMono());
    ServiceBusTelemetryPublisher publisher = publisher(settings(SMALL_ENVELOPE, NEVER));
    TelemetryBatch batch = batch("356307042441013", 3, 1);
    assertTrue(jsonSize(batch) * 3 > SMALL_ENVELOPE && jsonSize(batch) * 2 < SMALL_ENVELOPE - 64,
        "fixture: two batches fill one envelope");
    CompletableFuture<Void> a = publisher.publish(batch).toCompletableFuture();
    CompletableFuture<Void> b = publisher.publish(batch("356307042441014", 3, 2)).toCompletableFuture();
    CompletableFuture<Void> c = publisher.publish(batch("356307042441015", 3, 3)).toCompletableFuture();
    assertEquals(2, parse(sentMessages(1).get(0)).batches().size());

    firstSend.tryEmitEmpty();
    await(a);
    await(b);
    assertFalse(c.isDone(), "a batch of the next envelope completed with the first");
    secondSend.tryEmitEmpty();
  }

  @Test
  void failureFailsExactlyTheFuturesOfThatEnvelope() throws Exception {
    Sinks.One<Void> firstSend = Sinks.one();
    Sinks.One<Void> secondSend = Sinks.one();
    when(sender.sendMessage(any())).thenReturn(firstSend.asMono()).thenReturn(secondSend.asMono());
    ServiceBusTelemetryPublisher publisher = publisher(settings(SMALL_ENVELOPE, NEVER));
    CompletableFuture<Void> a = publisher.publish(batch("356307042441013", 3, 1)).toCompletableFuture();
    CompletableFuture<Void> b = publisher.publish(batch("356307042441014", 3, 2)).toCompletableFuture();
    CompletableFuture<Void> c = publisher.publish(batch("356307042441015", 3, 3)).toCompletableFuture();
    sentMessages(1);

    IllegalStateException quotaExceeded = new IllegalStateException("namespace throttled");
    firstSend.tryEmitError(quotaExceeded);
    ExecutionException failedA = assertThrows(ExecutionException.class, () -> a.get(5, TimeUnit.SECONDS));
    assertSame(quotaExceeded, failedA.getCause());
    assertThrows(ExecutionException.class, () -> b.get(5, TimeUnit.SECONDS));
    assertFalse(c.isDone(), "a batch of the next envelope failed with the first");
    secondSend.tryEmitEmpty();
  }

  @Test
  void readinessGoesFalseAfterAFailedSendAndTrueAfterTheNextSuccess() throws Exception {
    when(sender.sendMessage(any())).thenReturn(Mono.error(new IllegalStateException("unreachable")))
        .thenReturn(Mono.empty());
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES,
        Duration.ofMillis(1)));
    assertTrue(publisher.isReady());
    CompletableFuture<Void> failed = publisher.publish(batch("356307042441013", 1, 1)).toCompletableFuture();
    assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
    assertFalse(publisher.isReady());

    await(publisher.publish(batch("356307042441013", 1, 2)));
    assertTrue(publisher.isReady());
  }

  @Test
  void failsFastBeyondThePendingBound() throws Exception {
    when(sender.sendMessage(any())).thenReturn(Sinks.<Void>one().asMono());
    publisher = new ServiceBusTelemetryPublisher(sender,
        settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES, Duration.ofMillis(1)).withPendingBounds(2, 1024 * 1024));
    publisher.publish(batch("356307042441013", 1, 1));
    publisher.publish(batch("356307042441014", 1, 2));
    CompletableFuture<Void> third = publisher.publish(batch("356307042441015", 1, 3)).toCompletableFuture();

    ExecutionException refused = assertThrows(ExecutionException.class, () -> third.get(1, TimeUnit.SECONDS));
    assertTrue(refused.getCause() instanceof RejectedExecutionException);
  }

  @Test
  void closeSendsWhatIsPendingAndClosesTheSender() throws Exception {
    ServiceBusTelemetryPublisher publisher = publisher(settings(ServiceBusSettings.DEFAULT_ENVELOPE_BYTES, NEVER));
    CompletionStage<Void> done = publisher.publish(batch("356307042441013", 1, 1));
    publisher.close();

    await(done);
    verify(sender, times(1)).sendMessage(any());
    verify(sender).close();
    CompletableFuture<Void> late = publisher.publish(batch("356307042441013", 1, 2)).toCompletableFuture();
    assertThrows(ExecutionException.class, () -> late.get(1, TimeUnit.SECONDS));
  }

  @Test
  void failsABatchLargerThanAnEnvelopeWithoutSendingIt() throws Exception {
    ServiceBusTelemetryPublisher publisher = publisher(settings(SMALL_ENVELOPE, Duration.ofMillis(1)));
    CompletableFuture<Void> huge = publisher.publish(batch("356307042441013", 40, 1)).toCompletableFuture();

    ExecutionException refused = assertThrows(ExecutionException.class, () -> huge.get(1, TimeUnit.SECONDS));
    assertTrue(refused.getCause().getMessage().contains("more than an envelope"));
    verify(sender, times(0)).sendMessage(any());
  }

  @Test
  void retryOptionsComeFromTheSettings() {
    ServiceBusSettings settings = new ServiceBusSettings(null, "Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=s",
        "telemetry", SMALL_ENVELOPE, NEVER, 10, SMALL_ENVELOPE, 5, Duration.ofSeconds(7));
    AmqpRetryOptions options = ServiceBusTelemetryPublisher.retryOptions(settings);

    assertEquals(5, options.getMaxRetries());
    assertEquals(Duration.ofSeconds(7), options.getTryTimeout());
    assertEquals(AmqpRetryMode.EXPONENTIAL, options.getMode());
  }

  @Test
  @Timeout(30)
  void theFactoryBuildsASenderFromAConnectionString() {
    ServiceBusSettings settings = ServiceBusSettings.of(null,
        "Endpoint=sb://127.0.0.1/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0", "telemetry");
    try (ServiceBusTelemetryPublisher built = ServiceBusTelemetryPublisher.create(settings, ServiceBusClients.azure())) {
      assertTrue(built.isReady());
    }
  }

  @Test
  @Timeout(30)
  void theFactoryBuildsAPasswordlessSenderFromANamespace() {
    ServiceBusSettings settings = ServiceBusSettings.of("fleetwire.servicebus.windows.net", null, "telemetry");
    try (ServiceBusTelemetryPublisher built = ServiceBusTelemetryPublisher.create(settings, ServiceBusClients.azure())) {
      assertTrue(built.isReady());
    }
  }
}
