package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.report.TemperatureSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link DeviceReport} from one device's records fed oldest first, one at a time, so a
 * report over a long range needs memory for its totals only, not for its records.
 *
 * <p>The rules, all over consecutive records in time order:
 * <ul>
 *   <li><b>Distance</b>: great-circle length between consecutive records with a valid fix
 *       (records without one, which repeat the last known position, are passed over); a segment implying more than {@value #MAX_PLAUSIBLE_KMH} km/h
 *       is a position jump, not travel, and is left out.</li>
 *   <li><b>Driving / idle time</b>: the interval between a record and the next is attributed to
 *       the state of the record that starts it. Driving when ignition or movement is on and the
 *       speed is above 0; idle when ignition is on and the speed is 0. Anything else (ignition
 *       off and standing) counts as neither.</li>
 *   <li><b>Stops</b>: a stationary period is a run of records with speed 0; it lasts from its
 *       first record to the next record with speed above 0 (or to its own last record when the
 *       range ends first). Periods of at least {@value #MIN_STOP_SECONDS} s count as stops.</li>
 *   <li><b>Temperature</b>: every reading of {@code temperature1C}..{@code temperature4C} in the
 *       Dallas sensor's range of -55..+115 °C; readings outside it are the FMB's sensor-error
 *       codes, not temperatures.</li>
 *   <li><b>Events</b>: one count per record whose event IO id is an alarm of the dictionary —
 *       the same records {@code GET /api/devices/{imei}/events} lists.</li>
 * </ul>
 */
public final class TrackAccumulator {
  static final double MAX_PLAUSIBLE_KMH = 300.0;
  static final long MIN_STOP_SECONDS = 300;
  private static final double MIN_VALID_TEMPERATURE_C = -55.0;
  private static final double MAX_VALID_TEMPERATURE_C = 115.0;
  private static final List<String> TEMPERATURE_SENSORS =
      List.of("temperature1C", "temperature2C", "temperature3C", "temperature4C");

  private final IoDictionary dictionary;
  private final Map<String, Long> events = new TreeMap<>();
  private long records;
  private Record previous;
  private Record previousFix;
  private double distanceKm;
  private long drivingMillis;
  private long idleMillis;
  private Instant stationarySince;
  private int stops;
  private int maxSpeedKmh;
  private int temperatureReadings;
  private double temperatureSum;
  private double temperatureMin = Double.POSITIVE_INFINITY;
  private double temperatureMax = Double.NEGATIVE_INFINITY;

  public TrackAccumulator(IoDictionary dictionary) {
    this.dictionary = dictionary;
    DeviceReport.STANDARD_ALARMS.forEach(name -> events.put(name, 0L));
  }

  /** Adds the next record; records must come oldest first. */
  public void add(Record record) {
    if (previous != null && record.ts().isBefore(previous.ts())) {
      throw new IllegalArgumentException("records must come oldest first: " + record.ts()
          + " after " + previous.ts());
    }
    records++;
    if (previous != null) {
      long millis = Duration.between(previous.ts(), record.ts()).toMillis();
      if (isDriving(previous)) {
        drivingMillis += millis;
      } else if (isIdle(previous)) {
        idleMillis += millis;
      }
    }
    addDistance(record);
    trackStationary(record);
    maxSpeedKmh = Math.max(maxSpeedKmh, record.speed());
    addTemperatures(record);
    dictionary.alarm(record.event()).ifPresent(name -> events.merge(name, 1L, Long::sum));
    previous = record;
  }

  /** The report of every record added so far. */
  public DeviceReport report(String imei, Instant from, Instant to) {
    int allStops = stops;
    if (stationarySince != null && isStop(stationarySince, previous.ts())) {
      allStops++;
    }
    TemperatureSummary temperature = temperatureReadings == 0 ? TemperatureSummary.NONE
        : new TemperatureSummary(round(temperatureMin, 2), round(temperatureMax, 2),
            round(temperatureSum / temperatureReadings, 2));
    return new DeviceReport(imei, from, to, records, round(distanceKm, 3), drivingMillis / 1000,
        idleMillis / 1000, allStops, maxSpeedKmh, temperature, new TreeMap<>(events), null);
  }

  private void addDistance(Record record) {
    if (!record.hasFix()) {
      return;
    }
    if (previousFix != null) {
      double km = GreatCircle.km(previousFix.lat(), previousFix.lon(), record.lat(), record.lon());
      double hours = Duration.between(previousFix.ts(), record.ts()).toMillis() / 3_600_000.0;
      boolean plausible = hours > 0 ? km / hours <= MAX_PLAUSIBLE_KMH : km == 0;
      if (plausible) {
        distanceKm += km;
      }
    }
    previousFix = record;
  }

  private void trackStationary(Record record) {
    if (record.speed() == 0) {
      if (stationarySince == null) {
        stationarySince = record.ts();
      }
    } else if (stationarySince != null) {
      if (isStop(stationarySince, record.ts())) {
        stops++;
      }
      stationarySince = null;
    }
  }

  private void addTemperatures(Record record) {
    for (String sensor : TEMPERATURE_SENSORS) {
      Double celsius = record.sensorNumber(sensor);
      if (celsius != null && celsius >= MIN_VALID_TEMPERATURE_C && celsius <= MAX_VALID_TEMPERATURE_C) {
        temperatureReadings++;
        temperatureSum += celsius;
        temperatureMin = Math.min(temperatureMin, celsius);
        temperatureMax = Math.max(temperatureMax, celsius);
      }
    }
  }

  private static boolean isStop(Instant since, Instant until) {
    return Duration.between(since, until).getSeconds() >= MIN_STOP_SECONDS;
  }

  private static boolean isDriving(Record record) {
    return (isOn(record, "ignition") || isOn(record, "movement")) && record.speed() > 0;
  }

  private static boolean isIdle(Record record) {
    return isOn(record, "ignition") && record.speed() == 0;
  }

  private static boolean isOn(Record record, String sensor) {
    Double value = record.sensorNumber(sensor);
    return value != null && value > 0;
  }

  private static double round(double value, int decimals) {
    double factor = Math.pow(10, decimals);
    return Math.round(value * factor) / factor;
  }
}
