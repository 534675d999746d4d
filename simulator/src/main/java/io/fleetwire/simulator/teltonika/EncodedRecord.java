package io.fleetwire.simulator.teltonika;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;

import java.time.Instant;
import java.util.TreeMap;

/**
 * A record encoded once for one device and codec: the bytes it is sent (and resent) as, and its
 * contract id computed over exactly those bytes — the same rule the front applies when decoding.
 */
public final class EncodedRecord {
  private final String imei;
  private final Codec codec;
  private final TrackerRecord record;
  private final byte[] wire;
  private String id;

  private EncodedRecord(String imei, Codec codec, TrackerRecord record, byte[] wire) {
    this.imei = imei;
    this.codec = codec;
    this.record = record;
    this.wire = wire;
  }

  public static EncodedRecord encode(String imei, Codec codec, TrackerRecord record) {
    return new EncodedRecord(imei, codec, record, AvlEncoder.record(codec, record));
  }

  /** Computed on first use: load runs that keep no acked records never pay for it. */
  public String id() {
    if (id == null) {
      id = RecordId.of(imei, Instant.ofEpochMilli(record.timestampMillis()), wire);
    }
    return id;
  }

  public TrackerRecord record() {
    return record;
  }

  /** The record's wire bytes; callers must not modify them. */
  byte[] wire() {
    return wire;
  }

  public int length() {
    return wire.length;
  }

  /**
   * The contract record the front should produce from these bytes. {@code receivedAt} and
   * {@code sensors} stay empty: the front and ingest fill them. Coordinates are raw / 10^7.
   */
  public Record toContractRecord() {
    TreeMap<Integer, Long> io = new TreeMap<>();
    record.io().forEach(v -> io.put(v.id(), v.raw()));
    TreeMap<Integer, String> ioHex = new TreeMap<>();
    record.variableIo().forEach(v -> ioHex.put(v.id(), v.hex()));
    return new Record(id(), imei, Instant.ofEpochMilli(record.timestampMillis()), null,
        record.latitude() / 10_000_000.0, record.longitude() / 10_000_000.0, record.altitude(),
        record.angle(), record.speed(), record.satellites(), record.priority(), record.eventId(),
        codec == Codec.CODEC_16 ? record.generationType() : null, io, ioHex, null);
  }
}
