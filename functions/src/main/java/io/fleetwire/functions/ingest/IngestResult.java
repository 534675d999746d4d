package io.fleetwire.functions.ingest;

/**
 * What ingest did with one call: records handed to the store (resent records included, the store
 * absorbs them), records refused by validation (each kept as a rejected entry), and whole
 * messages refused (unknown schema version, unreadable body).
 */
public record IngestResult(int stored, int invalid, int rejectedMessages) {
  public static final IngestResult NONE = new IngestResult(0, 0, 0);

  public IngestResult plus(IngestResult other) {
    return new IngestResult(stored + other.stored, invalid + other.invalid,
        rejectedMessages + other.rejectedMessages);
  }
}
