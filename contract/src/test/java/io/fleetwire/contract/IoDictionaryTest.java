package io.fleetwire.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoDictionaryTest {

  @Test
  void scalesExternalVoltageFromMillivolts() {
    Map<String, Double> sensors = IoDictionary.fmb().sensors(Map.of(66, 24079L));
    assertEquals(24.079, sensors.get("externalVoltageV"), 1e-9);
  }

  @Test
  void readsNegativeTemperatureAsSigned() {
    // -12.5 °C as a 4-byte two's-complement value, as the codec hands it over (unsigned)
    long raw = (-125) & 0xffffffffL;
    assertEquals(-12.5, IoDictionary.fmb().sensors(Map.of(72, raw)).get("temperature1C"), 1e-9);
  }

  @Test
  void readsNegativeAxisAsSignedTwoBytes() {
    assertEquals(-1000.0, IoDictionary.fmb().sensors(Map.of(17, 0xFC18L)).get("axisXmG"), 1e-9);
  }

  @Test
  void leavesUnknownIdsOutOfSensors() {
    assertTrue(IoDictionary.fmb().sensors(Map.of(9999, 5L)).isEmpty());
  }

  @Test
  void namesAlarmEvents() {
    assertEquals("crash", IoDictionary.fmb().alarm(247).orElseThrow());
    assertFalse(IoDictionary.fmb().alarm(239).isPresent());
  }

  @Test
  void deviceModelOverrideReplacesAnEntry() {
    IoDictionary model = IoDictionary.fmb().overriddenBy(
        List.of(new IoElement(72, "cargoTempC", "°C", 0.01, true, 2, null)));
    Map<String, Double> sensors = model.sensors(Map.of(72, 250L));
    assertEquals(2.5, sensors.get("cargoTempC"), 1e-9);
    assertFalse(sensors.containsKey("temperature1C"));
  }
}
