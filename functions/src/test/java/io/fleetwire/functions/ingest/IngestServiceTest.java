package io.fleetwire.functions.ingest;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.TelemetryEnvelope;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class IngestServiceTest {
  private static final String IMEI = "356307042441013";
  private static final String OTHER_IMEI = "352093081452251";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant FAR_PAST = Instant.parse("2000-01-01T00:00:00Z");

  private final InMemoryTelemetryStore store = new InMemoryTelemetryStore();
  private final IngestService ingest = new IngestService(store, IoDictionary.fmb(), CLOCK);

  private static Record record(String imei, int secondsAgo, double lat) {
    Instant ts = NOW.minusSeconds(secondsAgo);
    byte[] wire = {(byte) secondsAgo, (byte) lat};
    return new Record(RecordId.of(imei, ts, wire), imei, ts, NOW, lat, 25.2797, 120, 90, 60, 9, 1, 0, null,
        new TreeMap<>(Map.of(239, 1L)), null, null);
  }

  private static TelemetryBatch batch(String imei, Record... records) {
    return TelemetryBatch.of(imei, NOW, "front-1", 0x8E, List.of(records));
  }

  private List<Record> stored(String imei) {
    Page<Record> page = store.positions(imei, FAR_PAST, NOW.plusSeconds(3600), 1000, null);
    return page.items();
  }

  private static String json(Object value) throws Exception {
    return Json.mapper().writeValueAsString(value);
  }

  @Test
  void storesValidRecordsWithTheirSensors() {
    IngestResult result = ingest.ingest(batch(IMEI, record(IMEI, 20, 54.1), record(IMEI, 10, 54.2)));
    assertEquals(new IngestResult(2, 0, 0), result);
    List<Record> stored = stored(IMEI);
    assertEquals(2, stored.size());
    assertEquals(Boolean.TRUE, stored.get(0).sensors().get("ignition"));
    assertEquals(NOW.minusSeconds(10), store.device(IMEI).orElseThrow().last().ts());
  }

  @Test
  void anInvalidRecordIsKeptAsRejectedWithItsReasonAndNotStored() {
    Record bad = record(IMEI, 10, 95.0);
    IngestResult result = ingest.ingest(batch(IMEI, record(IMEI, 20, 54.1), bad));
    assertEquals(new IngestResult(1, 1, 0), result);
    assertEquals(1, stored(IMEI).size());
    RejectedMessage rejected = store.rejected(10).get(0);
    assertEquals(bad.id(), rejected.id());
    assertEquals(IMEI, rejected.imei());
    assertTrue(rejected.reason().contains("latitude 95.0"), rejected.reason());
    assertTrue(rejected.body().contains(bad.id()));
  }

  @Test
  void anEnvelopeMessageIsUnpackedIntoOneStoreCall() throws Exception {
    TelemetryStore spy = mock(TelemetryStore.class);
    IngestService service = new IngestService(spy, IoDictionary.fmb(), CLOCK);
    TelemetryEnvelope envelope = TelemetryEnvelope.of(List.of(
        batch(IMEI, record(IMEI, 20, 54.1)), batch(OTHER_IMEI, record(OTHER_IMEI, 5, 50.0), record(OTHER_IMEI, 4, 50.0))));
    IngestResult result = service.ingestMessage(envelope.messageId(), json(envelope).getBytes(StandardCharsets.UTF_8));
    assertEquals(new IngestResult(3, 0, 0), result);
    verify(spy, times(1)).upsert(anyList());
  }

  @Test
  void resendingTheSameFrameAnyNumberOfTimesKeepsOneCopy() throws Exception {
    TelemetryBatch frame = batch(IMEI, record(IMEI, 30, 54.1), record(IMEI, 20, 54.2), record(IMEI, 10, 54.3));
    String body = json(TelemetryEnvelope.of(List.of(frame)));
    for (int i = 0; i < 3; i++) {
      ingest.ingestMessage("delivery-" + i, body);
      ingest.ingest(frame);
    }
    assertEquals(3, stored(IMEI).size());
  }

  @Test
  void anUnknownSchemaVersionIsKeptWholeAndNotThrown() {
    String body = "{\"schemaVersion\":2,\"batches\":[]}";
    IngestResult result = ingest.ingestMessage("m-2", body);
    assertEquals(new IngestResult(0, 0, 1), result);
    RejectedMessage rejected = store.rejected(10).get(0);
    assertEquals("m-2", rejected.id());
    assertEquals(body, rejected.body());
    assertEquals(NOW, rejected.at());
    assertTrue(rejected.reason().contains("unknown schema version 2"), rejected.reason());
  }

  @Test
  void aDecodedBatchOfAnUnknownSchemaVersionIsKeptAndTheOthersStored() {
    TelemetryBatch future = new TelemetryBatch(7, OTHER_IMEI, NOW, "front-1", 8, List.of(record(OTHER_IMEI, 5, 50.0)));
    IngestResult result = ingest.ingest(List.of(future, batch(IMEI, record(IMEI, 20, 54.1))));
    assertEquals(new IngestResult(1, 0, 1), result);
    assertEquals(future.messageId(), store.rejected(10).get(0).id());
    assertEquals(List.of(), stored(OTHER_IMEI));
  }

  @Test
  void anUnreadableBodyIsKeptWithTheReason() {
    for (String body : new String[] {"not json", "[1,2]", "{\"batches\":[]}", "",
        "{\"schemaVersion\":1,\"batches\":[{\"schemaVersion\":1,\"records\":[]}]}"}) {
      IngestResult result = ingest.ingestMessage("m-" + body.hashCode(), body);
      assertEquals(new IngestResult(0, 0, 1), result, body);
    }
    List<RejectedMessage> rejected = store.rejected(10);
    assertEquals(5, rejected.size());
    rejected.forEach(r -> assertTrue(r.reason().startsWith("unreadable message"), r.reason()));
  }

  @Test
  void storeUnavailablePropagatesSoTheQueueRetries() throws Exception {
    TelemetryStore down = mock(TelemetryStore.class);
    doThrow(new StoreUnavailableException("disk full", null)).when(down).upsert(anyList());
    IngestService service = new IngestService(down, IoDictionary.fmb(), CLOCK);
    String body = json(TelemetryEnvelope.of(List.of(batch(IMEI, record(IMEI, 20, 54.1)))));
    assertThrows(StoreUnavailableException.class, () -> service.ingestMessage("m-1", body));
  }

  @Test
  void rejectingWhileTheStoreIsDownAlsoPropagates() {
    TelemetryStore down = mock(TelemetryStore.class);
    doThrow(new StoreUnavailableException("locked", null)).when(down).reject(any());
    IngestService service = new IngestService(down, IoDictionary.fmb(), CLOCK);
    assertThrows(StoreUnavailableException.class, () -> service.ingestMessage("m-1", "garbage"));
  }
}
