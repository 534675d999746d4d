package io.fleetwire.front.registry;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.contract.registry.Imei;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code registered} policy backed by a file: one IMEI per line, blank lines and
 * {@code #} comments ignored. A malformed line is an error naming the file and line.
 */
public final class AllowListRegistry implements DeviceRegistry {
  private final Set<String> imeis;

  public AllowListRegistry(Set<String> imeis) {
    for (String imei : imeis) {
      if (!Imei.isWellFormed(imei)) {
        throw new IllegalArgumentException("not a 15-digit IMEI: '" + imei + "'");
      }
    }
    this.imeis = Set.copyOf(imeis);
  }

  public static AllowListRegistry load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Set<String> imeis = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int comment = line.indexOf('#');
      String entry = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (!Imei.isWellFormed(entry)) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": not a 15-digit IMEI: '" + entry + "'");
      }
      imeis.add(entry);
    }
    return new AllowListRegistry(imeis);
  }

  @Override
  public boolean accepts(String imei) {
    return imeis.contains(imei);
  }

  public int size() {
    return imeis.size();
  }
}
