package io.fleetwire.functions.alert;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.AlertRule;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one record says about one rule's condition: whether it holds and the value that decided
 * it. A record that says nothing (no temperature sensor for a temperature rule, no fix for a
 * geofence rule) yields no reading and leaves the rule's state as it was.
 */
record Reading(boolean holds, Double value) {
  /** The named, scaled temperature sensors ({@code temperature1C} … and their kin). */
  private static final Pattern TEMPERATURE = Pattern.compile("temperature.*C");

  static Optional<Reading> of(AlertRule rule, Record record) {
    return switch (rule.kind()) {
      case TEMPERATURE_ABOVE -> temperature(rule, record, true);
      case TEMPERATURE_BELOW -> temperature(rule, record, false);
      case OVERSPEED -> Optional.of(new Reading(record.speed() > rule.threshold(), (double) record.speed()));
      case EVENT -> Optional.of(new Reading(record.event() == rule.threshold().intValue(), (double) record.event()));
      // Any record means the device is not silent.
      case OFFLINE -> Optional.of(new Reading(false, null));
      case GEOFENCE_ENTER, GEOFENCE_EXIT -> geofence(rule, record);
    };
  }

  private static Optional<Reading> temperature(AlertRule rule, Record record, boolean above) {
    Double worst = null;
    for (Map.Entry<String, ?> sensor : record.sensors().entrySet()) {
      boolean watched = rule.sensor() == null ? TEMPERATURE.matcher(sensor.getKey()).matches()
          : rule.sensor().equals(sensor.getKey());
      if (watched && sensor.getValue() instanceof Number n) {
        double value = n.doubleValue();
        if (worst == null || (above ? value > worst : value < worst)) {
          worst = value;
        }
      }
    }
    if (worst == null) {
      return Optional.empty();
    }
    return Optional.of(new Reading(above ? worst > rule.threshold() : worst < rule.threshold(), worst));
  }

  private static Optional<Reading> geofence(AlertRule rule, Record record) {
    if (!record.hasFix()) {
      return Optional.empty();
    }
    boolean inside = GeofenceShape.contains(rule.geofence(), record.lat(), record.lon());
    boolean holds = rule.kind() == io.fleetwire.contract.alert.AlertKind.GEOFENCE_ENTER ? inside : !inside;
    return Optional.of(new Reading(holds, null));
  }
}
