package io.fleetwire.simulator.device;

import io.fleetwire.simulator.teltonika.EncodedRecord;

/** A record in a device's buffer, and whether it has been on the wire before (for "resent"). */
final class PendingRecord {
  final EncodedRecord record;
  boolean sent;

  PendingRecord(EncodedRecord record) {
    this.record = record;
  }
}
