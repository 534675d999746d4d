package io.fleetwire.simulator.teltonika;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The hex frames of Teltonika's documentation examples, by name (test resource). */
final class DocExamples {
  private static final Map<String, String> HEX = load();

  private DocExamples() {
  }

  static String hex(String name) {
    String hex = HEX.get(name);
    if (hex == null) {
      throw new IllegalArgumentException("no documentation example named " + name);
    }
    return hex;
  }

  private static Map<String, String> load() {
    try (InputStream in = DocExamples.class.getResourceAsStream("/teltonika-doc-examples.txt")) {
      Map<String, String> hex = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\|");
        hex.put(parts[0].trim(), parts[1].trim());
      }
      return hex;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
