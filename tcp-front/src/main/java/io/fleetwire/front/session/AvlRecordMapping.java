package io.fleetwire.front.session;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.AvlRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One AVL packet of one device → the {@link TelemetryBatch} the queue carries. Positions go as the
 * device sent them; ingest decides what counts as "no fix" and names the sensors.
 */
final class AvlRecordMapping {

  private AvlRecordMapping() {
  }

  static TelemetryBatch toBatch(String imei, AvlPacket packet, Instant receivedAt, String frontId) {
    List<Record> records = new ArrayList<>(packet.records().size());
    for (AvlRecord avl : packet.records()) {
      records.add(toRecord(imei, avl, receivedAt));
    }
    return TelemetryBatch.of(imei, receivedAt, frontId, packet.codec(), records);
  }

  static Record toRecord(String imei, AvlRecord avl, Instant receivedAt) {
    return new Record(
        RecordId.of(imei, avl.timestamp(), avl.fingerprint()),
        imei,
        avl.timestamp(),
        receivedAt,
        avl.latitude(),
        avl.longitude(),
        avl.altitude(),
        avl.angle(),
        avl.speed(),
        avl.satellites(),
        avl.priority(),
        avl.eventId(),
        avl.generationType(),
        avl.io(),
        avl.ioVariable(),
        null);
  }
}
