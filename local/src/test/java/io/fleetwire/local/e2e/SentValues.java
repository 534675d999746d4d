package io.fleetwire.local.e2e;

import io.fleetwire.contract.Record;

import java.time.Instant;
import java.util.SortedMap;

/**
 * What a device sent in one record, as the API must return it: everything but the fields the
 * stack adds ({@code receivedAt}, named {@code sensors}). A record without a fix (0 satellites or
 * 0/0) comes back with null coordinates, as ingest normalises it.
 */
record SentValues(String id, String imei, Instant ts, Double lat, Double lon, int alt, int angle, int speed,
    int sats, int priority, int event, SortedMap<Integer, Long> io, SortedMap<Integer, String> ioHex) {

  /** The values of a record the simulator sent and saw acked. */
  static SentValues sent(Record record) {
    boolean fix = record.sats() > 0 && record.lat() != null && record.lon() != null
        && !(record.lat() == 0.0 && record.lon() == 0.0);
    return new SentValues(record.id(), record.imei(), record.ts(), fix ? record.lat() : null,
        fix ? record.lon() : null, record.alt(), record.angle(), record.speed(), record.sats(),
        record.priority(), record.event(), record.io(), record.ioHex());
  }

  /** The values of a record the API returned. */
  static SentValues stored(Record record) {
    return new SentValues(record.id(), record.imei(), record.ts(), record.lat(), record.lon(), record.alt(),
        record.angle(), record.speed(), record.sats(), record.priority(), record.event(), record.io(),
        record.ioHex());
  }
}
