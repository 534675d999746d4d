package io.fleetwire.contract;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The value types a named sensor may have (DESIGN "Record JSON"): Boolean for on/off, Long for
 * counts and levels, Double for scaled values, String for identifiers. Whatever JSON reader built a
 * map, its values are brought to these four types, so a record read back equals the one written.
 */
final class SensorValues {

  private SensorValues() {
  }

  static SortedMap<String, Object> copyOf(Map<String, ?> sensors) {
    SortedMap<String, Object> copy = new TreeMap<>();
    if (sensors != null) {
      sensors.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "sensor name"), normalised(name, value)));
    }
    return copy;
  }

  private static Object normalised(String name, Object value) {
    if (value instanceof Boolean || value instanceof String || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    throw new IllegalArgumentException("sensor " + name + " has a value of type "
        + (value == null ? "null" : value.getClass().getSimpleName()) + "; allowed: boolean, integer, decimal, string");
  }

  static Double number(Object value) {
    if (value instanceof Boolean on) {
      return on ? 1.0 : 0.0;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return null;
  }
}
