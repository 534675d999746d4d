package io.fleetwire.contract.store;

import io.fleetwire.contract.Record;

import java.time.Instant;

/**
 * A device as the API shows it: registry entry plus latest state. {@code lastSeen} is when the
 * front last received data from it; {@code last} the record with the newest record time.
 */
public record DeviceState(String imei, String name, boolean registered, Instant lastSeen, Record last) {
}
