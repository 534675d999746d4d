package io.fleetwire.functions.ingest;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordValidatorTest {
  private static final String IMEI = "356307042441013";
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final RecordValidator validator =
      new RecordValidator(IoDictionary.fmb(), Clock.fixed(NOW, ZoneOffset.UTC));

  private static Record record(String imei, Instant ts, Double lat, Double lon, int sats) {
    TreeMap<Integer, Long> io = new TreeMap<>(Map.of(239, 1L, 66, 12_345L, 72, 215L));
    return new Record(imei + "-" + ts.toEpochMilli() + "-00", imei, ts, NOW, lat, lon, 120, 90, 60, sats, 1, 0,
        null, io, null, null);
  }

  private static Record valid() {
    return record(IMEI, NOW.minusSeconds(60), 54.6872, 25.2797, 9);
  }

  private RecordValidator.Verdict check(Record record) {
    return validator.check(record, record.imei());
  }

  private void assertInvalid(Record record, String expectedInReason) {
    RecordValidator.Verdict verdict = check(record);
    assertFalse(verdict.valid());
    assertTrue(verdict.problem().contains(expectedInReason), verdict.problem());
  }

  @Test
  void acceptsAValidRecordAndFillsItsSensorsFromTheDictionary() {
    RecordValidator.Verdict verdict = check(valid());
    assertTrue(verdict.valid());
    assertEquals(Boolean.TRUE, verdict.record().sensors().get("ignition"));
    assertEquals(12.345, verdict.record().sensors().get("externalVoltageV"));
    assertEquals(21.5, verdict.record().sensors().get("temperature1C"));
    assertEquals(54.6872, verdict.record().lat());
    assertEquals(Boolean.TRUE, verdict.record().valid());
  }

  @Test
  void refusesAnImeiThatIsNotFifteenDigits() {
    assertInvalid(record("35630704244101", NOW, 1.0, 1.0, 5), "IMEI must be 15 digits");
    assertInvalid(record("35630704244101x", NOW, 1.0, 1.0, 5), "IMEI must be 15 digits");
  }

  @Test
  void refusesARecordWhoseImeiDiffersFromItsBatch() {
    RecordValidator.Verdict verdict = validator.check(valid(), "352093081452251");
    assertFalse(verdict.valid());
    assertTrue(verdict.problem().contains("differs"), verdict.problem());
  }

  @Test
  void refusesARecordTimeBefore2000() {
    assertInvalid(record(IMEI, Instant.parse("1999-12-31T23:59:59Z"), 1.0, 1.0, 5), "outside");
    assertTrue(check(record(IMEI, Instant.parse("2000-01-01T00:00:00Z"), 1.0, 1.0, 5)).valid());
  }

  @Test
  void acceptsUpToTenMinutesAheadOfTheClockAndNoMore() {
    assertTrue(check(record(IMEI, NOW.plusSeconds(600), 1.0, 1.0, 5)).valid());
    assertInvalid(record(IMEI, NOW.plusSeconds(601), 1.0, 1.0, 5), "outside");
  }

  @Test
  void refusesALatitudeOutOfRange() {
    assertInvalid(record(IMEI, NOW, 90.5, 25.0, 5), "latitude 90.5");
    assertInvalid(record(IMEI, NOW, -91.0, 25.0, 5), "latitude -91.0");
    assertTrue(check(record(IMEI, NOW, -90.0, 25.0, 5)).valid());
  }

  @Test
  void refusesALongitudeOutOfRange() {
    assertInvalid(record(IMEI, NOW, 54.0, 180.5, 5), "longitude 180.5");
    assertInvalid(record(IMEI, NOW, 54.0, Double.NaN, 5), "longitude NaN");
    assertTrue(check(record(IMEI, NOW, 54.0, -180.0, 5)).valid());
  }

  @Test
  void aRecordWithoutSatellitesKeepsTheRepeatedPositionFlaggedNotValid() {
    Record noSats = record(IMEI, NOW, 54.6872, 25.2797, 0);
    RecordValidator.Verdict verdict = check(noSats);
    assertTrue(verdict.valid());
    assertEquals(54.6872, verdict.record().lat());
    assertEquals(25.2797, verdict.record().lon());
    assertEquals(Boolean.FALSE, verdict.record().valid());
    assertFalse(verdict.record().hasFix());
    assertEquals(noSats.ts(), verdict.record().ts());
    assertEquals(noSats.io(), verdict.record().io());
    assertEquals(Boolean.TRUE, verdict.record().sensors().get("ignition"));
  }

  @Test
  void aZeroZeroPositionIsNoFix() {
    RecordValidator.Verdict verdict = check(record(IMEI, NOW, 0.0, 0.0, 7));
    assertTrue(verdict.valid());
    assertEquals(0.0, verdict.record().lat());
    assertEquals(Boolean.FALSE, verdict.record().valid());
    assertFalse(verdict.record().hasFix());
  }
}
