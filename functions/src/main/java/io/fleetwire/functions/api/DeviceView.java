package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.DeviceState;

import java.time.Duration;
import java.time.Instant;

/** The DESIGN's {@code Device} JSON: registry entry, latest state and whether it is online now. */
@JsonPropertyOrder({"imei", "name", "registered", "lastSeen", "online", "last"})
public record DeviceView(String imei, String name, boolean registered, Instant lastSeen, boolean online,
    Record last) {

  /** Online means data arrived within {@code window} before {@code now}. */
  static DeviceView of(DeviceState state, Instant now, Duration window) {
    boolean online = state.lastSeen() != null && !state.lastSeen().isBefore(now.minus(window));
    return new DeviceView(state.imei(), state.name(), state.registered(), state.lastSeen(), online,
        state.last());
  }
}
