package io.fleetwire.contract;

/**
 * The meaning of one AVL IO id: its sensor name, unit, the factor that turns the raw integer into
 * that unit, whether the raw value is two's-complement signed in {@code bytes} bytes, and — for
 * alarm IOs — the event name reports count it under.
 */
public record IoElement(int id, String name, String unit, double scale, boolean signed, int bytes,
    String alarm) {

  /** Raw wire value (unsigned, as decoded) to the value in {@link #unit()}. */
  public double toValue(long raw) {
    long value = raw;
    if (signed && bytes > 0 && bytes < 8) {
      int shift = 64 - bytes * 8;
      value = (raw << shift) >> shift;
    }
    return value * scale;
  }
}
