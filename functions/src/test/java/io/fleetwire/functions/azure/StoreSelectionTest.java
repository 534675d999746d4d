package io.fleetwire.functions.azure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSelectionTest {

  @Test
  void namesTheMissingSettingWhenNoCosmosEndpointIsConfigured() {
    var stores = StoreSelection.fromEnvironment(Map.of());

    IllegalStateException e = assertThrows(IllegalStateException.class, stores::get);

    assertTrue(e.getMessage().contains("FLEETWIRE_COSMOS_ENDPOINT"), e.getMessage());
  }
}
