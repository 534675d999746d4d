package io.fleetwire.front.teltonika;

import io.netty.handler.codec.CorruptedFrameException;

/** Placeholder: replaced by the codec branch. */
public class TeltonikaFramingException extends CorruptedFrameException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public TeltonikaFramingException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
