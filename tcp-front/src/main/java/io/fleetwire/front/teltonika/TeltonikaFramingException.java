package io.fleetwire.front.teltonika;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The device stream cannot be framed (wrong preamble, oversized or impossible length, a login
 * that is not an IMEI). The connection must be closed; {@code reason} is a short metric tag.
 */
public final class TeltonikaFramingException extends CorruptedFrameException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public TeltonikaFramingException(String reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
