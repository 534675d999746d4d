package io.fleetwire.functions.store;

import io.fleetwire.contract.Record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage port. Every implementation (SQLite locally, Cosmos DB on Azure, in-memory in tests)
 * passes the same contract test suite.
 *
 * <p>Rules: {@link #upsert} is idempotent by {@link Record#id()} (DESIGN rule 2); the latest state
 * of a device only moves to a newer record time (rule 6). A failure that may pass (store
 * unavailable, throttled) is a {@link StoreUnavailableException}; callers retry those.
 */
public interface TelemetryStore extends AutoCloseable {

  /**
   * Stores the records (upsert by id), registers unknown devices as seen, and moves each device's
   * latest state forward. Returns when the records are durable.
   */
  void upsert(List<Record> records);

  /** Records of one device with {@code from <= ts < to}, oldest first, a page at a time. */
  Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation);

  /** Records of one device in the range whose event IO id is one of {@code eventIds}, oldest first. */
  List<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds);

  Optional<DeviceState> device(String imei);

  List<DeviceState> devices();

  /** Adds the IMEI to the registry (used by the {@code registered} policy) with a display name. */
  DeviceState register(String imei, String name);

  /** Removes the device from the registry; returns false if it was not known. */
  boolean remove(String imei);

  boolean isRegistered(String imei);

  /** Keeps an unprocessable message with the reason it was refused (never silently dropped). */
  void reject(RejectedMessage message);

  List<RejectedMessage> rejected(int limit);

  @Override
  default void close() {
  }
}
