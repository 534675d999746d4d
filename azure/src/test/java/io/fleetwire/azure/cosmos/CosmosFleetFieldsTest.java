package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.fleet.Quadkey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fields the fleet views query, as the device documents hold them after ingest, register and
 * remove: written by the real client into the declared {@code devices} container of the Cosmos
 * server and read back as stored.
 */
class CosmosFleetFieldsTest {
  private static final String IMEI = "356307042441013";
  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
  private static final double VILNIUS_LAT = 54.6872;
  private static final double VILNIUS_LON = 25.2797;
  private static final double KAUNAS_LAT = 54.8985;
  private static final double KAUNAS_LON = 23.9036;

  private final CosmosServerDatabase database = CosmosServerDatabase.create();
  private final CosmosAsyncContainer devices = database.container(CosmosTelemetryStore.DEVICES);
  private final CosmosTelemetryStore store = database.telemetryStore();

  private static Record record(int seconds, Double lat, Double lon, int speed) {
    Instant ts = T0.plusSeconds(seconds);
    return new Record(RecordId.of(IMEI, ts, new byte[] {(byte) seconds}), IMEI, ts, ts.plusMillis(500), lat, lon,
        120, 90, speed, 9, 1, 0, null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  private ObjectNode stored() {
    return devices.readItem(IMEI, new PartitionKey(IMEI), ObjectNode.class).block().getItem();
  }

  /** Asserts the stored changedAt lies within [before, now] and returns it. */
  private String assertChangedSince(Instant before) {
    String changedAt = stored().path("changedAt").asText();
    assertTrue(changedAt.compareTo(CosmosDocuments.timeKey(before)) >= 0
        && changedAt.compareTo(CosmosDocuments.timeKey(Instant.now())) <= 0, changedAt);
    return changedAt;
  }

  @Test
  void aNewDeviceCarriesTheQuadkeyPositionAndMotionOfItsFirstRecord() {
    Instant before = Instant.now();
    store.upsert(List.of(record(0, VILNIUS_LAT, VILNIUS_LON, 60)));

    ObjectNode doc = stored();
    assertEquals(Quadkey.of(VILNIUS_LAT, VILNIUS_LON), doc.path("qk").asText());
    assertEquals(VILNIUS_LAT, doc.path("lat").asDouble());
    assertEquals(VILNIUS_LON, doc.path("lon").asDouble());
    assertTrue(doc.path("moving").asBoolean());
    assertChangedSince(before);
  }

  @Test
  void aMovedDeviceGetsTheQuadkeyOfItsNewPositionInTheSamePatch() throws InterruptedException {
    store.upsert(List.of(record(0, VILNIUS_LAT, VILNIUS_LON, 60)));
    String firstChange = stored().path("changedAt").asText();
    Thread.sleep(5);
    Instant before = Instant.now();

    store.upsert(List.of(record(10, KAUNAS_LAT, KAUNAS_LON, 0)));

    ObjectNode doc = stored();
    assertEquals(Quadkey.of(KAUNAS_LAT, KAUNAS_LON), doc.path("qk").asText());
    assertEquals(KAUNAS_LAT, doc.path("lat").asDouble());
    assertFalse(doc.path("moving").asBoolean(), "stopped: speed 0");
    assertTrue(assertChangedSince(before).compareTo(firstChange) > 0);
  }

  @Test
  void anOlderRecordArrivingLateLeavesThePositionWhereTheNewestPutIt() {
    store.upsert(List.of(record(10, KAUNAS_LAT, KAUNAS_LON, 30)));

    store.upsert(List.of(record(5, VILNIUS_LAT, VILNIUS_LON, 0)));

    ObjectNode doc = stored();
    assertEquals(Quadkey.of(KAUNAS_LAT, KAUNAS_LON), doc.path("qk").asText());
    assertEquals(KAUNAS_LON, doc.path("lon").asDouble());
    assertTrue(doc.path("moving").asBoolean());
    assertEquals(CosmosDocuments.timeKey(T0.plusSeconds(10)), doc.path("lastTs").asText());
  }

  @Test
  void aRecordAtZeroZeroTakesTheDeviceOffTheMap() {
    store.upsert(List.of(record(0, VILNIUS_LAT, VILNIUS_LON, 60)));

    store.upsert(List.of(record(10, 0.0, 0.0, 0)));

    ObjectNode doc = stored();
    for (String field : List.of("qk", "lat", "lon")) {
      JsonNode value = doc.get(field);
      assertTrue(value == null || value.isNull(), field + " is " + value);
    }
    assertEquals(List.of(), store.mapCells(List.of("")));
  }

  @Test
  void registeringAndRemovingChangeTheDevice() throws InterruptedException {
    Instant before = Instant.now();
    store.register(IMEI, "Van 7");
    String registered = assertChangedSince(before);
    store.upsert(List.of(record(0, VILNIUS_LAT, VILNIUS_LON, 60)));
    Thread.sleep(5);
    Instant beforeRemove = Instant.now();

    assertTrue(store.remove(IMEI));

    assertTrue(assertChangedSince(beforeRemove).compareTo(registered) > 0);
  }
}
