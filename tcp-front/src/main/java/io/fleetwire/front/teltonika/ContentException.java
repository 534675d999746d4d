package io.fleetwire.front.teltonika;

/**
 * Inside a well-framed packet the content is wrong; {@link TeltonikaDecoder} turns it into a
 * {@link CorruptPacket}. Never leaves this package, so it carries no stack trace.
 */
final class ContentException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final String detail;

  ContentException(String reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = reason;
    this.detail = detail;
  }

  CorruptPacket toCorruptPacket() {
    return new CorruptPacket(reason, detail);
  }
}
