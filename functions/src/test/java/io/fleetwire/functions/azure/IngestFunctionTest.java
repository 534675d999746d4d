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
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreRefusedException;
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
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

class IngestFunctionTest {
  private static final String IMEI = "356307042441013";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static byte[] envelope(int records) throws Exception {
    return envelope(IMEI, records);
  }

  private static byte[] envelope(String imei, int records) throws Exception {
    List<Record> list = new java.util.ArrayList<>();
    for (int i = 0; i < records; i++) {
      Instant ts = NOW.minusSeconds(60 - i);
      list.add(new Record(RecordId.of(imei, ts, new byte[] {(byte) i}), imei, ts, NOW, 54.0 + i * 0.001, 25.0,
          100, 90, 40, 9, 1, 0, null, null, null, null));
    }
    TelemetryBatch batch = TelemetryBatch.of(imei, NOW, "front-1", 8, list);
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

  @Test
  void aDeliveryOfHundredMessagesWithOneUnreadableAndOneRefusedStoresTheOther98() throws Exception {
    String refusedImei = "356307042449999";
    InMemoryTelemetryStore store = spy(new InMemoryTelemetryStore());
    doAnswer(call -> {
      List<Record> records = call.getArgument(0);
      if (records.stream().anyMatch(r -> r.imei().equals(refusedImei))) {
        throw new StoreRefusedException("upsert of record x refused by Cosmos DB with status 413", null);
      }
      return call.callRealMethod();
    }).when(store).upsert(anyList());
    IngestFunction function = new IngestFunction(() -> new IngestService(store, IoDictionary.fmb(), CLOCK));
    byte[][] delivery = new byte[100][];
    String[] ids = new String[100];
    List<String> goodImeis = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids[i] = "m" + i;
      if (i == 17) {
        delivery[i] = "{\"schemaVersion\": 1, \"batches\": [".getBytes(StandardCharsets.UTF_8);
      } else if (i == 63) {
        delivery[i] = envelope(refusedImei, 2);
      } else {
        String imei = String.format("3563070424%05d", i);
        goodImeis.add(imei);
        delivery[i] = envelope(imei, 2);
      }
    }

    function.ingest(delivery, ids, context());

    assertEquals(98, goodImeis.size());
    for (String imei : goodImeis) {
      assertEquals(2, store.positions(imei, NOW.minusSeconds(3600), NOW.plusSeconds(1), 10, null).items().size(), imei);
    }
    assertTrue(store.positions(refusedImei, NOW.minusSeconds(3600), NOW.plusSeconds(1), 10, null).items().isEmpty());
    List<RejectedMessage> rejected = store.rejected(10);
    assertEquals(List.of("m17", "m63"), rejected.stream().map(RejectedMessage::id).sorted().toList());
    RejectedMessage refused = rejected.stream().filter(r -> r.id().equals("m63")).findFirst().orElseThrow();
    assertTrue(refused.reason().startsWith("refused by the store: ") && refused.reason().contains("413"),
        refused.reason());
    assertTrue(refused.body().contains(refusedImei), "the refused message is kept whole for a replay");
    RejectedMessage unreadable = rejected.stream().filter(r -> r.id().equals("m17")).findFirst().orElseThrow();
    assertTrue(unreadable.reason().startsWith("unreadable message"), unreadable.reason());
  }
}
