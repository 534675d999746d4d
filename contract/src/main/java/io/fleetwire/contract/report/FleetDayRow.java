package io.fleetwire.contract.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One device's line in the daily fleet report: its display name and its report for the day. */
@JsonPropertyOrder({"imei", "name"})
public record FleetDayRow(String name, @JsonUnwrapped DeviceReport report) {
}
