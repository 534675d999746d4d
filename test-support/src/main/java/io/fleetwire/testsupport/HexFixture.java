package io.fleetwire.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Binary fixtures kept as hex text on the test class path: whitespace is ignored and lines
 * starting with {@code #} are comments.
 */
public final class HexFixture {
  private HexFixture() {
  }

  public static byte[] load(String resource) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no hex fixture on the class path: " + resource);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hex fixture " + resource, e);
    }
  }

  public static byte[] parse(String text) {
    StringBuilder hex = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (!line.strip().startsWith("#")) {
        hex.append(line.replaceAll("\\s+", ""));
      }
    }
    return HexFormat.of().parseHex(hex);
  }
}
