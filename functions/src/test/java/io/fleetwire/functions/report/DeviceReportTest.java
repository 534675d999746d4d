package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.TemperatureSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.fleetwire.functions.report.SyntheticTrack.KM_PER_DEGREE_LATITUDE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceReportTest {
  private static final String IMEI = "356307042441013";
  private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
  private static final Instant END = Instant.parse("2026-05-01T09:00:00Z");
  /** 60 km/h for 10 s is 1/6 km; as latitude on the report's sphere. */
  private static final double TEN_SECONDS_AT_60_KMH_DEG = (1.0 / 6) / KM_PER_DEGREE_LATITUDE;

  private static DeviceReport report(List<Record> records) {
    TrackAccumulator track = new TrackAccumulator(IoDictionary.fmb());
    records.forEach(track::add);
    return track.report(IMEI, START, END);
  }

  /** 10 km due north at 60 km/h, a record every 10 s: 61 records, 60 intervals of 10 s. */
  private static SyntheticTrack tenKmNorth(SyntheticTrack track) {
    track.ignition(true).movement(true).speed(60);
    for (int i = 0; i <= 60; i++) {
      track.position(45.0 + i * TEN_SECONDS_AT_60_KMH_DEG, 10.0).at(i * 10L);
    }
    return track;
  }

  @Test
  void tenKilometresNorthAtSixtyIsTenKilometresAndTenMinutesDriving() {
    DeviceReport report = report(tenKmNorth(new SyntheticTrack(IMEI, START)).records());

    assertEquals(61, report.records());
    assertEquals(10.0, report.distanceKm(), 0.05);
    assertEquals(600, report.drivingSeconds());
    assertEquals(0, report.idleSeconds());
    assertEquals(0, report.stops());
    assertEquals(60, report.maxSpeedKmh());
  }

  @Test
  void skipsAJumpImplyingMoreThan300Kmh() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START).ignition(true).speed(60);
    for (int i = 0; i <= 30; i++) {
      track.position(45.0 + i * TEN_SECONDS_AT_60_KMH_DEG, 10.0).at(i * 10L);
    }
    // 50 km east within 10 s (18,000 km/h): a bad fix, then the track goes on from there
    double eastDeg = 50.0 / (KM_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(45.0)));
    for (int i = 31; i <= 60; i++) {
      track.position(45.0 + i * TEN_SECONDS_AT_60_KMH_DEG, 10.0 + eastDeg).at(i * 10L);
    }

    // 60 segments of 1/6 km, of which the jump is left out: 59/6 km
    assertEquals(59.0 / 6, report(track.records()).distanceKm(), 0.05);
  }

  @Test
  void passesOverRecordsWithoutFixForDistance() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START).ignition(true).speed(60);
    for (int i = 0; i <= 60; i++) {
      if (i == 30) {
        track.zeroPosition().at(i * 10L);
      } else if (i == 40) {
        // without a fix the coordinates are not a measurement: 400 m aside, they add nothing
        track.position(45.0 + i * TEN_SECONDS_AT_60_KMH_DEG, 10.005).noFix().at(i * 10L);
      } else {
        track.position(45.0 + i * TEN_SECONDS_AT_60_KMH_DEG, 10.0).at(i * 10L);
      }
    }

    assertEquals(10.0, report(track.records()).distanceKm(), 0.05);
  }

  @Test
  void countsIdleWhileIgnitionOnAndStandingAndNeitherWhenIgnitionOff() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    track.ignition(true).speed(0);
    for (long t = 0; t <= 540; t += 60) {
      track.at(t);
    }
    track.speed(30);
    for (long t = 600; t <= 840; t += 60) {
      track.at(t);
    }
    track.ignition(false).speed(0);
    for (long t = 900; t <= 1200; t += 60) {
      track.at(t);
    }

    DeviceReport report = report(track.records());
    // idle: the 10 intervals starting at 0..540; driving: the 5 starting at 600..840
    assertEquals(600, report.idleSeconds());
    assertEquals(300, report.drivingSeconds());
    // standing 0..600 s (600 s) and 900..1200 s (300 s, exactly the minimum)
    assertEquals(2, report.stops());
  }

  @Test
  void aStandstillShorterThanFiveMinutesIsNoStop() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START).ignition(true);
    track.speed(40).at(0).speed(0).at(60).at(120).at(180).at(240).speed(40).at(299).at(400);

    DeviceReport report = report(track.records());
    assertEquals(0, report.stops());
    assertEquals(239, report.idleSeconds());
    assertEquals(60 + 101, report.drivingSeconds());
  }

  @Test
  void movementWithoutIgnitionCountsAsDriving() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START).ignition(false).movement(true).speed(20);
    track.at(0).at(30).at(90);

    assertEquals(90, report(track.records()).drivingSeconds());
  }

  @Test
  void summarisesTemperatureOverAllSensorsIgnoringSensorErrorCodes() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    track.sensor("temperature1C", 20.0).sensor("temperature2C", 22.5).at(0);
    track.sensor("temperature1C", 25.0).sensor("temperature2C", null).at(60);
    // 300.0 °C is outside the Dallas sensor's -55..+115 °C: an FMB error code, not a reading
    track.sensor("temperature1C", 300.0).at(120);

    TemperatureSummary temperature = report(track.records()).temperature();
    assertEquals(20.0, temperature.min());
    assertEquals(25.0, temperature.max());
    assertEquals(22.5, temperature.avg());
  }

  @Test
  void temperatureIsNullWithoutReadings() {
    TemperatureSummary temperature = report(new SyntheticTrack(IMEI, START).at(0).at(60).records()).temperature();

    assertNull(temperature.min());
    assertNull(temperature.max());
    assertNull(temperature.avg());
  }

  @Test
  void countsAlarmEventsByNameAndIgnoresOtherEvents() {
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    track.event(247).at(0).at(10).event(246).at(20).event(239).at(30).event(255).at(40).event(0).at(50);

    assertEquals(Map.of("crash", 2L, "towing", 1L, "overSpeeding", 1L, "unplug", 0L, "jamming", 0L,
        "temperature", 0L), report(track.records()).events());
  }

  @Test
  void anEmptyRangeReportsZeros() {
    DeviceReport report = report(List.of());

    assertEquals(0, report.records());
    assertEquals(0.0, report.distanceKm());
    assertEquals(0, report.drivingSeconds());
    assertEquals(0, report.stops());
    assertEquals(0, report.maxSpeedKmh());
  }

  @Test
  void refusesRecordsOutOfTimeOrder() {
    List<Record> records = new SyntheticTrack(IMEI, START).at(60).at(0).records();

    assertThrows(IllegalArgumentException.class, () -> report(records));
  }
}
