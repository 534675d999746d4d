package io.fleetwire.front.loopback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads batch JSON the way JavaScript's {@code JSON.parse} does: every number becomes a double
 * (IEEE 754), every string stays a string. Only the {@code io} objects of the records are kept.
 */
final class BrowserJson {
  private static final JsonFactory JSON = new JsonFactory();

  private BrowserJson() {
  }

  /** The {@code io} object of each record, values as a browser holds them: Double or String. */
  static List<Map<String, Object>> ioOfRecords(String batchJson) throws IOException {
    List<Map<String, Object>> records = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(batchJson)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME && parser.currentName().equals("io") && depth == 3) {
          records.add(readObject(parser));
        }
      }
    }
    return records;
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("io is not an object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
        // what JSON.parse does with any number, however many digits it has
        values.put(name, Double.parseDouble(parser.getText()));
      } else {
        values.put(name, parser.getText());
      }
    }
    return values;
  }

  /** The integer a browser value stands for: a double's exact value, or a decimal string's. */
  static BigInteger asInteger(Object value) {
    if (value instanceof Double number) {
      return new BigDecimal(number).toBigIntegerExact();
    }
    return new BigInteger((String) value);
  }
}
