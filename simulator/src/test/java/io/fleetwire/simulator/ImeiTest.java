package io.fleetwire.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImeiTest {

  @Test
  void appendsLuhnCheckDigitOfTheDocumentationImei() {
    assertEquals("356307042441013", Imei.of("35630704", 244101));
  }

  @Test
  void everyGeneratedImeiIsValid() {
    for (int serial = 0; serial < 1000; serial++) {
      assertTrue(Imei.isValid(Imei.of("35209308", serial)), "serial " + serial);
    }
  }

  @Test
  void detectsAWrongCheckDigit() {
    assertFalse(Imei.isValid("356307042441014"));
  }

  @Test
  void rejectsSerialThatDoesNotFitAfterThePrefix() {
    assertThrows(IllegalArgumentException.class, () -> Imei.of("35630704", 1_000_000));
  }

  @Test
  void configRejectsMoreDevicesThanThePrefixLeavesSerialsFor() {
    assertThrows(IllegalArgumentException.class,
        () -> SimulationConfig.builder().imeiPrefix("3563070424410").devices(11).build());
  }
}
