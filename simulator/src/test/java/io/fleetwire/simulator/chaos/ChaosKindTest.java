package io.fleetwire.simulator.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChaosKindTest {

  @Test
  void parsesEveryLabelItPrints() {
    for (ChaosKind kind : ChaosKind.values()) {
      assertEquals(kind, ChaosKind.parse(kind.label()));
    }
    assertEquals(ChaosKind.HALF_OPEN, ChaosKind.parse("half-open"));
  }

  @Test
  void rejectsAnUnknownKindNamingTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChaosKind.parse("flood"));
    assertTrue(e.getMessage().contains("'flood'") && e.getMessage().contains("half-open"),
        e.getMessage());
  }
}
