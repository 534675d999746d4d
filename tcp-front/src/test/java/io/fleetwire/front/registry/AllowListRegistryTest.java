package io.fleetwire.front.registry;

import io.fleetwire.contract.registry.DeviceRegistry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class AllowListRegistryTest {

  @TempDir
  Path dir;

  @Test
  void acceptsListedImeisIgnoringCommentsAndBlankLines() throws IOException {
    Path file = Files.writeString(dir.resolve("allow.txt"),
        "# fleet A\n356307042441013\n\n  356307042441014  # van 2\n");

    AllowListRegistry registry = AllowListRegistry.load(file);

    assertTrue(registry.accepts("356307042441013"));
    assertTrue(registry.accepts("356307042441014"));
    assertFalse(registry.accepts("356307042441015"));
  }

  @Test
  void malformedLineIsAnErrorNamingTheLine() throws IOException {
    Path file = Files.writeString(dir.resolve("allow.txt"), "356307042441013\n35630704244101X\n");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AllowListRegistry.load(file));

    assertTrue(error.getMessage().contains("line 2"), error.getMessage());
  }

  @Test
  void openPolicyAcceptsOnlyFifteenDigitImeis() {
    DeviceRegistry open = DeviceRegistry.open();

    assertTrue(open.accepts("356307042441013"));
    assertFalse(open.accepts("35630704244101"));
    assertFalse(open.accepts("3563070424410134"));
    assertFalse(open.accepts("35630704244101a"));
  }
}
