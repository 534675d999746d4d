package io.fleetwire.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes an integer as a JSON number while a double holds it exactly (|v| &lt;= 2^53 - 1), as a
 * decimal string beyond: JavaScript and jq read every JSON number as a double, so an 8-byte IO
 * value (an ICCID, a VIN packed into IOs) would otherwise arrive with wrong last digits. Other
 * values are written as Jackson writes them. Readers accept both forms for a {@code Long}.
 */
public final class ExactNumberSerializer extends StdSerializer<Object> {
  private static final long serialVersionUID = 1L;
  /** 2^53 - 1, JavaScript's Number.MAX_SAFE_INTEGER. */
  public static final long MAX_EXACT = (1L << 53) - 1;

  public ExactNumberSerializer() {
    super(Object.class);
  }

  /** True when a double holds {@code value} exactly, so it may be written as a JSON number. */
  public static boolean isExact(long value) {
    return value >= -MAX_EXACT && value <= MAX_EXACT;
  }

  @Override
  public void serialize(Object value, JsonGenerator json, SerializerProvider provider) throws IOException {
    if (value instanceof Long number) {
      if (isExact(number)) {
        json.writeNumber(number);
      } else {
        json.writeString(Long.toString(number));
      }
    } else {
      provider.defaultSerializeValue(value, json);
    }
  }
}
