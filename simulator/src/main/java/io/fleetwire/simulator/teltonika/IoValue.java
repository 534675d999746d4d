package io.fleetwire.simulator.teltonika;

/**
 * One fixed-size IO element: AVL id, its size on the wire (1, 2, 4 or 8 bytes) and the raw
 * unsigned value as sent (a signed sensor is stored as its two's complement in {@code bytes}).
 */
public record IoValue(int id, int bytes, long raw) {

  public IoValue {
    if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8) {
      throw new IllegalArgumentException("IO " + id + ": size must be 1, 2, 4 or 8 bytes, was " + bytes);
    }
    if (bytes < 8) {
      raw &= (1L << (bytes * 8)) - 1;
    }
  }

  /** A signed value stored as its two's complement in {@code bytes} bytes. */
  public static IoValue signed(int id, int bytes, long value) {
    return new IoValue(id, bytes, value);
  }
}
