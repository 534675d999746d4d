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

  @Test
  void eightByteValuesAreNumbersWhileExactInADoubleAndDecimalStringsBeyond() throws Exception {
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(11, ExactNumberSerializer.MAX_EXACT);
    io.put(14, ExactNumberSerializer.MAX_EXACT + 1);
    io.put(78, -ExactNumberSerializer.MAX_EXACT - 1);
    io.put(105, 6_362_550_814_091_260_979L);
    Record record = new Record("r", IMEI, TS, TS, 1.0, 2.0, 0, 0, 0, 5, 0, 0, null, io, null,
        java.util.Map.of("iccid1", "8937204016201234567", "ignition", true, "gsmSignal", 4L, "externalVoltageV", 12.85));
    String json = Json.mapper().writeValueAsString(record);
    JsonNode tree = Json.mapper().readTree(json);

    assertEquals(true, tree.at("/io/11").isNumber());
    assertEquals("9007199254740992", tree.at("/io/14").textValue());
    assertEquals("-9007199254740992", tree.at("/io/78").textValue());
    assertEquals("6362550814091260979", tree.at("/io/105").textValue());
    assertEquals(true, tree.at("/sensors/ignition").booleanValue());
    assertEquals(4, tree.at("/sensors/gsmSignal").intValue());
    assertEquals(record, Json.mapper().readValue(json, Record.class));
  }

  @Test
  void anEnvelopeWrittenBeforeDeviceMessagesReadsWithNone() throws Exception {
    String old = "{\"schemaVersion\":1,\"batches\":[{\"schemaVersion\":1,\"imei\":\"" + IMEI + "\","
        + "\"receivedAt\":\"2019-06-10T10:04:47Z\",\"frontId\":\"f\",\"codec\":8,\"records\":[]}]}";
    TelemetryEnvelope envelope = Json.mapper().readValue(old, TelemetryEnvelope.class);
    assertEquals(List.of(), envelope.batches().get(0).messages());
  }

  @Test
  void aBatchOfRecordsWritesNoMessagesFieldAndADeviceMessageRoundTrips() throws Exception {
    TelemetryBatch records = TelemetryBatch.of(IMEI, TS, "f", 8, List.of(record(new byte[] {1})));
    assertEquals(false, Json.mapper().readTree(Json.mapper().writeValueAsString(records)).has("messages"));

    DeviceMessage message = DeviceMessage.of(IMEI, TS, TS.plusSeconds(1), 15, 11, "Hello!\n", null);
    TelemetryBatch batch = TelemetryBatch.ofMessage(message, "f");
    String json = Json.mapper().writeValueAsString(batch);
    assertEquals(batch, Json.mapper().readValue(json, TelemetryBatch.class));
    assertEquals(false, Json.mapper().readTree(json).at("/messages/0").has("hex"));
    assertNotEquals(batch.messageId(), TelemetryBatch.ofMessage(
        DeviceMessage.of(IMEI, TS, TS.plusSeconds(1), 15, 11, "Hello?\n", null), "f").messageId());
  }
}
