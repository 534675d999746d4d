package io.fleetwire.front.teltonika;

/** The single {@code FF} byte a device may send between frames; it gets no answer. */
public enum KeepAlive implements DeviceMessage {
  INSTANCE
}
