package io.fleetwire.contract;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The meaning of one AVL IO id: its sensor name, unit, the factor that turns the raw integer into
 * that unit, whether the raw value is two's-complement signed in {@code bytes} bytes, the type of
 * the named value, and — for alarm IOs — the event name reports count it under.
 *
 * <p>Types (DESIGN "Record JSON"): {@code boolean} (on/off, raw non-zero is true), {@code integer}
 * (counts and levels), {@code decimal} (raw times scale), {@code hex} (identifiers such as an
 * iButton: upper-case hex, two digits per byte), {@code digits} (identifiers sent as an unsigned
 * number, such as an ICCID part: its decimal digits as a string). Absent: {@code decimal} when
 * the scale is not 1, else {@code integer}.
 */
public record IoElement(int id, String name, String unit, double scale, boolean signed, int bytes,
    String alarm, String type) {
  public static final String BOOLEAN = "boolean";
  public static final String INTEGER = "integer";
  public static final String DECIMAL = "decimal";
  public static final String HEX = "hex";
  public static final String DIGITS = "digits";

  public IoElement {
    if (type == null) {
      type = scale == 1.0 ? INTEGER : DECIMAL;
    }
    if (!type.equals(BOOLEAN) && !type.equals(INTEGER) && !type.equals(DECIMAL) && !type.equals(HEX)
        && !type.equals(DIGITS)) {
      throw new IllegalArgumentException("IO " + id + " has unknown type '" + type + "'");
    }
    if (type.equals(INTEGER) && bytes >= 8) {
      // a JSON reader would turn one beyond 2^53 into a string: identifiers of 8 bytes are digits or hex
      throw new IllegalArgumentException("IO " + id + " of " + bytes + " bytes must be typed digits or hex");
    }
  }

  /** An element with the type its scale implies. */
  public IoElement(int id, String name, String unit, double scale, boolean signed, int bytes, String alarm) {
    this(id, name, unit, scale, signed, bytes, alarm, null);
  }

  /** Raw wire value (unsigned, as decoded) to the typed value in {@link #unit()}. */
  public Object toValue(long raw) {
    return switch (type) {
      case BOOLEAN -> raw != 0;
      case INTEGER -> signedValue(raw);
      case HEX -> hex(raw);
      case DIGITS -> Long.toUnsignedString(raw);
      default -> BigDecimal.valueOf(signedValue(raw)).multiply(BigDecimal.valueOf(scale)).doubleValue();
    };
  }

  private long signedValue(long raw) {
    if (signed && bytes > 0 && bytes < 8) {
      int shift = 64 - bytes * 8;
      return (raw << shift) >> shift;
    }
    return raw;
  }

  private String hex(long raw) {
    int digits = Math.max(2, Math.min(bytes, 8) * 2);
    String text = Long.toHexString(raw).toUpperCase(Locale.ROOT);
    return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
  }
}
