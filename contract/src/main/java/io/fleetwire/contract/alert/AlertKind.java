package io.fleetwire.contract.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a rule watches (DESIGN "Alerts"); the JSON name is the kebab-case form. */
public enum AlertKind {
  TEMPERATURE_ABOVE("temperature-above"),
  TEMPERATURE_BELOW("temperature-below"),
  OVERSPEED("overspeed"),
  EVENT("event"),
  OFFLINE("offline"),
  GEOFENCE_ENTER("geofence-enter"),
  GEOFENCE_EXIT("geofence-exit");

  private final String json;

  AlertKind(String json) {
    this.json = json;
  }

  @JsonValue
  public String json() {
    return json;
  }

  /** The kind a JSON name stands for; the error lists the names that exist. */
  @JsonCreator
  public static AlertKind of(String name) {
    for (AlertKind kind : values()) {
      if (kind.json.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown rule kind '" + name + "'; one of "
        + Arrays.stream(values()).map(AlertKind::json).collect(Collectors.joining(", ")));
  }

  /** True for the kinds whose threshold is a number the rule cannot do without. */
  public boolean needsThreshold() {
    return this != GEOFENCE_ENTER && this != GEOFENCE_EXIT;
  }

  public boolean needsGeofence() {
    return this == GEOFENCE_ENTER || this == GEOFENCE_EXIT;
  }
}
