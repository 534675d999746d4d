package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;
import io.fleetwire.contract.store.DeviceState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Device documents of an earlier version, without the fleet fields, brought onto the map. */
class FleetFieldsBackfillTest {
  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
  private static final String OLD = "356307042440001";
  private static final String CURRENT = "356307042440002";
  private static final String REGISTERED = "356307042440003";

  private final CosmosServerDatabase database = CosmosServerDatabase.create();
  private final CosmosTelemetryStore store = database.telemetryStore(Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC));
  private final CosmosAsyncContainer devices = database.container(CosmosTelemetryStore.DEVICES);

  private static Record record(String imei, double lat, double lon) {
    return new Record(RecordId.of(imei, T0, new byte[] {1}), imei, T0, T0.plusMillis(500), lat, lon, 120, 90, 40, 9,
        1, 0, null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
  }

  /** The document as a version before the fleet views wrote it. */
  private void stripFleetFields(String imei) {
    ObjectNode doc = devices.readItem(imei, new PartitionKey(imei), ObjectNode.class).block().getItem();
    doc.remove(List.of("qk", "lat", "lon", "moving", "changedAt"));
    devices.replaceItem(doc, imei, new PartitionKey(imei), new CosmosItemRequestOptions()).block();
  }

  @Test
  void devicesWithoutTheFieldsGetThemFromTheirLastRecordOnce() {
    store.upsert(List.of(record(OLD, 54.6872, 25.2797), record(CURRENT, 40.4168, -3.7038)));
    store.register(REGISTERED, "Never seen");
    stripFleetFields(OLD);
    stripFleetFields(REGISTERED);
    String vilnius = Quadkey.of(54.6872, 25.2797, 10);
    assertTrue(store.mapCells(List.of(vilnius)).isEmpty(), "the old document is not on the map");

    Instant now = T0.plusSeconds(3_600);
    FleetFieldsBackfill backfill = new FleetFieldsBackfill(devices, Clock.fixed(now, ZoneOffset.UTC),
        CosmosServerDatabase.TIMEOUT);
    FleetFieldsBackfill.Result first = backfill.run(1);
    FleetFieldsBackfill.Result second = backfill.run(100);

    assertEquals(new FleetFieldsBackfill.Result(2, 0), first, "the old device and the registered one, a round each");
    assertEquals(new FleetFieldsBackfill.Result(0, 0), second);
    List<MapCell> cells = store.mapCells(List.of(vilnius));
    assertEquals(1, cells.size());
    assertEquals(54.6872, cells.get(0).lat(), 1e-9);
    List<String> changed = store.devices(new DeviceQuery(null, now.minusSeconds(1)), 10, null).items().stream()
        .map(DeviceState::imei).toList();
    assertEquals(List.of(OLD, REGISTERED), changed, "both now in the change listing, at the backfill's time");
    assertEquals(3, store.fleetCounts(T0.minusSeconds(60)).devices());
    assertEquals(2, store.fleetCounts(T0.minusSeconds(60)).moving(), "moving from the last record's speed");
  }
}
