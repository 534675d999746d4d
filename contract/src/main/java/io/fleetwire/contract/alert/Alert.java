package io.fleetwire.contract.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert (DESIGN "Alerts"). {@code id} is derived from the rule, the device and the record time
 * at which the condition started to hold, so evaluating the same records again yields the same id.
 * {@code ts} is when the alert opened (record time); {@code value} the reading that opened it;
 * {@code lat}/{@code lon} where the device was, when it had a fix.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(
    String id,
    String ruleId,
    String imei,
    AlertKind kind,
    Instant ts,
    Double value,
    Double lat,
    Double lon,
    @JsonProperty("state") AlertStatus state,
    Instant closedAt) {

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(state, "state");
    if ((state == AlertStatus.CLOSED) != (closedAt != null)) {
      throw new IllegalArgumentException("closedAt is set exactly when the alert is closed");
    }
  }

  public Alert closed(Instant at) {
    return new Alert(id, ruleId, imei, kind, ts, value, lat, lon, AlertStatus.CLOSED, at);
  }
}
