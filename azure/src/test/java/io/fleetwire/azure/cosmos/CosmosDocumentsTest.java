package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CosmosDocumentsTest {
  private static final String IMEI = "356307042441013";

  @Test
  void timeKeysHaveOneWidthSoStringOrderIsTimeOrder() {
    List<Instant> times = List.of(Instant.parse("2024-03-01T10:00:00Z"), Instant.parse("2024-03-01T10:00:00.005Z"),
        Instant.parse("2024-03-01T10:00:00.5Z"), Instant.parse("2024-03-01T10:00:01Z"));

    List<String> keys = times.stream().map(CosmosDocuments::timeKey).toList();

    assertEquals(List.of("2024-03-01T10:00:00.000Z", "2024-03-01T10:00:00.005Z", "2024-03-01T10:00:00.500Z",
        "2024-03-01T10:00:01.000Z"), keys);
    assertEquals(keys, Stream.of(keys.get(3), keys.get(1), keys.get(0), keys.get(2)).sorted().toList());
  }

  @Test
  void aTelemetryDocumentReadsBackAsTheSameRecord() {
    Record record = CosmosTelemetryStoreTest.record(IMEI, Instant.parse("2024-03-01T10:00:00Z"))
        .withSensors(Map.of("ignition", 1.0));

    assertEquals(record, CosmosDocuments.record(CosmosDocuments.telemetry(record, null)));
  }

  @Test
  void aRegisteredDeviceWithoutDataHasNoLastSeenAndNoLastRecord() {
    DeviceState state = CosmosDocuments.deviceState(CosmosDocuments.device(IMEI, "Van 7", true, Instant.EPOCH));

    assertEquals(new DeviceState(IMEI, "Van 7", true, null, null), state);
    assertNull(state.lastSeen());
  }

  /** Cosmos DB takes at most 10 operations in one patch; the state patch adds lastSeen and changedAt. */
  @Test
  void theStatePatchStaysWithinTheTenOperationsOfOnePatch() {
    Record record = CosmosTelemetryStoreTest.record(IMEI, Instant.parse("2024-03-01T10:00:00Z"));

    assertTrue(CosmosDocuments.lastRecordFields(record).size() + 2 <= 10);
  }
}
