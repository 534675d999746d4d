package io.fleetwire.contract;

import java.time.Instant;

/**
 * The deterministic record id of DESIGN rule 2: IMEI, record time and a hash of the record's
 * bytes as they came off the wire. The same record resent gives the same id, so stores upsert it
 * once; two different records at the same millisecond get different ids.
 */
public final class RecordId {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RecordId() {
  }

  /** FNV-1a 64 over the record's encoded bytes: cheap enough for the decode hot path. */
  public static long fingerprint(byte[] recordBytes, int offset, int length) {
    long hash = FNV_OFFSET;
    for (int i = offset; i < offset + length; i++) {
      hash ^= recordBytes[i] & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /**
   * The id from a {@link #fingerprint}. The IMEI and time already separate devices and moments;
   * the fingerprint only has to tell apart records of one device in one millisecond.
   */
  public static String of(String imei, Instant ts, long fingerprint) {
    String hex = Long.toHexString(fingerprint);
    StringBuilder id = new StringBuilder(imei.length() + 36).append(imei).append('-').append(ts.toEpochMilli()).append('-');
    for (int pad = hex.length(); pad < 16; pad++) {
      id.append('0');
    }
    return id.append(hex).toString();
  }

  public static String of(String imei, Instant ts, byte[] recordBytes) {
    return of(imei, ts, fingerprint(recordBytes, 0, recordBytes.length));
  }
}
