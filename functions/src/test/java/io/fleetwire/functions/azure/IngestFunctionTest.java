package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryEnvelope;
import io.fleetwire.functions.ingest.IngestService;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class IngestFunctionTest {
  private static final String IMEI = "356307042441013";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static byte[] envelope(int records) throws Exception {
    List<Record> list = new java.util.ArrayList<>();
    for (int i = 0; i < records; i++) {
      Instant ts = NOW.minusSeconds(60 - i);
      list.add(new Record(RecordId.of(IMEI, ts, new byte[] {(byte) i}), IMEI, ts, NOW, 54.0 + i * 0.001, 25.0,
          100, 90, 40, 9, 1, 0, null, null, null, null));
    }
    TelemetryBatch batch = TelemetryBatch.of(IMEI, NOW, "front-1", 8, list);
    return Json.mapper().writeValueAsBytes(TelemetryEnvelope.of(List.of(batch)));
  }

  private static ExecutionContext context() {
    ExecutionContext context = mock(ExecutionContext.class);
    when(context.getLogger()).thenReturn(Logger.getLogger("ingest-test"));
    return context;
  }

  @Test
  void storesEveryRecordOfEveryEnvelopeInTheDelivery() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    IngestFunction function = new IngestFunction(() -> new IngestService(store, IoDictionary.fmb(), CLOCK));

    function.ingest(new byte[][] {envelope(3), envelope(2)}, new String[] {"m1", "m2"}, context());

    // the second envelope repeats the first two records: stored once (idempotent by id)
    assertEquals(3, store.positions(IMEI, NOW.minusSeconds(3600), NOW.plusSeconds(1), 100, null).items().size());
  }

  @Test
  void keepsAnUnreadableMessageAsRejectedAndCompletes() throws Exception {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    IngestFunction function = new IngestFunction(() -> new IngestService(store, IoDictionary.fmb(), CLOCK));

    function.ingest(new byte[][] {"not json".getBytes(StandardCharsets.UTF_8), envelope(1)},
        new String[] {"bad", "good"}, context());

    assertEquals(1, store.rejected(10).size());
    assertEquals("bad", store.rejected(10).get(0).id());
    assertTrue(store.device(IMEI).isPresent(), "the good message in the same delivery is still stored");
  }

  @Test
  void throwsWhenTheStoreIsUnavailableSoTheRuntimeRetries() throws Exception {
    TelemetryStore down = mock(TelemetryStore.class);
    doThrow(new StoreUnavailableException("throttled (429)", null)).when(down).upsert(anyList());
    IngestFunction function = new IngestFunction(() -> new IngestService(down, IoDictionary.fmb(), CLOCK));
    byte[][] delivery = {envelope(1)};

    assertThrows(StoreUnavailableException.class, () -> function.ingest(delivery, new String[] {"m1"}, context()));
  }
}
