package io.fleetwire.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a sequence of strings, each length-prefixed so that ("ab","c") differs from ("a","bc"). */
final class ContentHash {
  private final MessageDigest digest;

  ContentHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  ContentHash add(String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) (bytes.length >>> 24));
    digest.update((byte) (bytes.length >>> 16));
    digest.update((byte) (bytes.length >>> 8));
    digest.update((byte) bytes.length);
    digest.update(bytes);
    return this;
  }

  /** The first 16 bytes as 32 hex digits: plenty against collisions, short enough for an id. */
  String hex() {
    byte[] full = digest.digest();
    return HexFormat.of().formatHex(full, 0, 16);
  }
}
