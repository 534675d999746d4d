package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * How the latest state of devices is written, counted on the real client against the Cosmos
 * server: the devices container is a spy that lets every call through.
 */
class CosmosLatestStateTest {
  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

  private final CosmosServerDatabase database = CosmosServerDatabase.create();
  private final CosmosAsyncContainer devices = spy(database.container(CosmosTelemetryStore.DEVICES));
  private final CosmosTelemetryStore store = new CosmosTelemetryStore(database.container(CosmosTelemetryStore.TELEMETRY),
      devices, database.container(CosmosTelemetryStore.REJECTED), database.container(CosmosTelemetryStore.MESSAGES),
      null, CosmosServerDatabase.TIMEOUT);

  private static String imei(int n) {
    return String.valueOf(356307042440000L + n);
  }

  private static Record record(String imei, int seconds) {
    Instant ts = T0.plusSeconds(seconds);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) seconds}), imei, ts, ts.plusMillis(800), 54.68, 25.28,
        120, 90, 60, 9, 1, 0, null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  /** An envelope of {@code devices} devices with {@code perDevice} new records each, interleaved. */
  private static List<Record> envelope(int devices, int perDevice, int fromSecond) {
    List<Record> records = new ArrayList<>();
    for (int r = 0; r < perDevice; r++) {
      for (int d = 0; d < devices; d++) {
        records.add(record(imei(d), fromSecond + r));
      }
    }
    return records;
  }

  @Test
  void newDataPatchesEachDeviceOncePerEnvelopeAndReadsNothing() {
    store.upsert(envelope(3, 1, 0));
    org.mockito.Mockito.clearInvocations(devices);

    store.upsert(envelope(3, 4, 10));

    verify(devices, times(3)).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
    verify(devices, never()).readItem(anyString(), any(), eq(ObjectNode.class));
    for (int d = 0; d < 3; d++) {
      assertEquals(record(imei(d), 13), store.device(imei(d)).orElseThrow().last());
    }
  }

  @Test
  void devicesOfAnEnvelopeArePatchedInParallelUpToTheBound() {
    int count = CosmosTelemetryStore.PARALLEL_DEVICE_PATCHES * 2;
    store.upsert(envelope(count, 1, 0));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    doAnswer(call -> {
      @SuppressWarnings("unchecked")
      Mono<Object> real = (Mono<Object>) call.callRealMethod();
      return Mono.delay(Duration.ofMillis(100))
          .doOnSubscribe(s -> most.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
          .then(real)
          .doOnTerminate(inFlight::decrementAndGet);
    }).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    store.upsert(envelope(count, 2, 10));

    assertEquals(CosmosTelemetryStore.PARALLEL_DEVICE_PATCHES, most.get());
    for (int d = 0; d < count; d++) {
      assertEquals(record(imei(d), 11), store.device(imei(d)).orElseThrow().last());
    }
  }
}
