package io.fleetwire.front.teltonika;

/**
 * The bytes handed to {@link TeltonikaDecoder} are not a Teltonika frame at all (wrong preamble,
 * a login that is not an IMEI, a declared length that disagrees with the bytes). Unlike a
 * {@link CorruptPacket}, there is nothing to ack: the connection is beyond repair.
 * {@code reason} is a short tag for metrics, the message says what was wrong.
 */
public final class MalformedFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public MalformedFrameException(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
