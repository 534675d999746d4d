package io.fleetwire.contract.alert;

import com.fasterxml.jackson.annotation.JsonValue;

/** An alert is open while its condition holds and closed once it stopped. */
public enum AlertStatus {
  OPEN, CLOSED;

  @JsonValue
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
