package io.fleetwire.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TelemetryBatchJsonTest {
  private static final String IMEI = "356307042441013";
  private static final Instant TS = Instant.parse("2019-06-10T10:04:46Z");

  private static Record record(byte[] bytes) {
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(66, 24079L);
    TreeMap<Integer, String> hex = new TreeMap<>();
    hex.put(385, "0a0b");
    return new Record(RecordId.of(IMEI, TS, bytes), IMEI, TS, Instant.parse("2019-06-10T10:04:47Z"),
        54.6872, 25.2797, 120, 90, 60, 9, 1, 0, null, io, hex, null);
  }

  @Test
  void roundTripsThroughJsonWithIsoInstants() throws Exception {
    TelemetryBatch batch = TelemetryBatch.of(IMEI, Instant.parse("2019-06-10T10:04:47Z"), "front-1", 8,
        List.of(record(new byte[] {1, 2, 3})));
    String json = Json.mapper().writeValueAsString(batch);
    JsonNode tree = Json.mapper().readTree(json);
    assertEquals("2019-06-10T10:04:46Z", tree.at("/records/0/ts").asText());
    assertEquals(24079, tree.at("/records/0/io/66").asLong());
    assertEquals("0a0b", tree.at("/records/0/ioHex/385").asText());
    assertEquals(1, tree.get("schemaVersion").asInt());
    assertEquals(batch, Json.mapper().readValue(json, TelemetryBatch.class));
  }

  @Test
  void recordIdIsDeterministicAndDependsOnBytes() {
    assertEquals(RecordId.of(IMEI, TS, new byte[] {1, 2}), RecordId.of(IMEI, TS, new byte[] {1, 2}));
    assertNotEquals(RecordId.of(IMEI, TS, new byte[] {1, 2}), RecordId.of(IMEI, TS, new byte[] {1, 3}));
    assertEquals(IMEI + "-1560161086000-", RecordId.of(IMEI, TS, new byte[0]).substring(0, 30));
  }

  @Test
  void recordIdPadsTheFingerprintToSixteenHexDigits() {
    assertEquals(IMEI + "-1560161086000-00000000000000ff", RecordId.of(IMEI, TS, 0xffL));
    assertEquals(IMEI + "-1560161086000-ffffffffffffffff", RecordId.of(IMEI, TS, -1L));
  }

  @Test
  void messageIdIsTheSameForAResentFrameAndDiffersForOtherRecords() {
    TelemetryBatch first = TelemetryBatch.of(IMEI, Instant.now(), "a", 8, List.of(record(new byte[] {1})));
    TelemetryBatch resent = TelemetryBatch.of(IMEI, Instant.now().plusSeconds(5), "b", 8, List.of(record(new byte[] {1})));
    TelemetryBatch other = TelemetryBatch.of(IMEI, Instant.now(), "a", 8, List.of(record(new byte[] {2})));
    assertEquals(first.messageId(), resent.messageId());
    assertNotEquals(first.messageId(), other.messageId());
    assertEquals(32, first.messageId().length());
  }
}
