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
    Map<String, Object> sensors = IoDictionary.fmb().sensors(Map.of(66, 24079L));
    assertEquals(24.079, sensors.get("externalVoltageV"));
  }

  @Test
  void readsNegativeTemperatureAsSigned() {
    // -12.5 °C as a 4-byte two's-complement value, as the codec hands it over (unsigned)
    long raw = (-125) & 0xffffffffL;
    assertEquals(-12.5, IoDictionary.fmb().sensors(Map.of(72, raw)).get("temperature1C"));
  }

  @Test
  void readsNegativeAxisAsSignedTwoBytes() {
    assertEquals(-1000L, IoDictionary.fmb().sensors(Map.of(17, 0xFC18L)).get("axisXmG"));
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
    Map<String, Object> sensors = model.sensors(Map.of(72, 250L));
    assertEquals(2.5, sensors.get("cargoTempC"));
    assertFalse(sensors.containsKey("temperature1C"));
  }

  @Test
  void readsEyeSensorTemperatureAsSignedHundredths() {
    // 0xFB5D = 64349 unsigned: the -11.87 °C an EYE sensor sends in two bytes
    assertEquals(-11.87, IoDictionary.fmb().sensors(Map.of(10800, 64_349L)).get("eyeTemperature1C"));
    assertEquals(-11.87, IoDictionary.fmb().sensors(Map.of(25, 64_349L)).get("bleTemperature1C"));
    assertEquals(55L, IoDictionary.fmb().sensors(Map.of(10804, 55L)).get("eyeHumidity1Percent"));
  }

  @Test
  void typesSensorsAsBooleansIntegersDecimalsAndIdentifiers() {
    Map<String, Object> sensors = IoDictionary.fmb().sensors(Map.of(239, 1L, 240, 0L, 21, 4L, 66, 12_850L,
        78, 0xAA00_0000_0000_0001L, 11, 0x8937_2040_1620_1234L, 115, 0xFF9CL));
    assertEquals(Boolean.TRUE, sensors.get("ignition"));
    assertEquals(Boolean.FALSE, sensors.get("movement"));
    assertEquals(4L, sensors.get("gsmSignal"));
    assertEquals(12.85, sensors.get("externalVoltageV"));
    // an iButton with the top bit set: its id, not a negative number
    assertEquals("AA00000000000001", sensors.get("driverId"));
    assertEquals(Long.toUnsignedString(0x8937_2040_1620_1234L), sensors.get("iccid1"));
    assertEquals(-10.0, sensors.get("engineTemperatureC"));
  }

  @Test
  void everyEntryHasAUniqueNameAndAnEightByteIdIsNeverAPlainInteger() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int id = 0; id < 65_536; id++) {
      IoDictionary.fmb().element(id).ifPresent(element -> {
        assertTrue(names.add(element.name()), "name used twice: " + element.name());
        assertFalse(element.bytes() >= 8 && element.type().equals(IoElement.INTEGER), element.name());
      });
    }
    assertTrue(names.size() > 80, "the FMB dictionary lists the common ids");
  }

  @Test
  void sensorsReadBackFromAJsonStoreGetTheirDictionaryTypesBack() {
    // a JavaScript JSON store answers 12.0 as 12 and 4 as 4.0 in other readers' hands
    Map<String, Object> read = Map.of("externalVoltageV", 12L, "gsmSignal", 4.0, "ignition", true,
        "driverId", "AA00000000000001", "cargoC", 3L);
    Map<String, Object> typed = IoDictionary.fmb().retyped(read);
    assertEquals(12.0, typed.get("externalVoltageV"));
    assertEquals(4L, typed.get("gsmSignal"));
    assertEquals(true, typed.get("ignition"));
    assertEquals("AA00000000000001", typed.get("driverId"));
    assertEquals(3L, typed.get("cargoC"));
  }
}
