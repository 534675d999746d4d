package io.fleetwire.contract.store;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The storage port. Every implementation (SQLite locally, Cosmos DB on Azure, in-memory in tests)
 * passes the same contract test suite ({@code TelemetryStoreContract} in test-support).
 *
 * <p>Rules: {@link #upsert} is idempotent by {@link Record#id()} (DESIGN rule 2); the latest state
 * of a device only moves to a newer record time (rule 6). Record times and other instants are kept
 * to the millisecond (the protocol's precision). A failure that may pass (store unavailable,
 * throttled, disk full) is a {@link StoreUnavailableException}; callers retry those.
 */
public interface TelemetryStore extends AutoCloseable {

  /**
   * Stores the records (upsert by id: a record whose id is already stored keeps its first stored
   * copy), registers unknown devices as seen, and moves each device's latest state forward.
   * {@code lastSeen} becomes the newest {@code receivedAt} (record time when absent). Returns when
   * the records are durable.
   */
  void upsert(List<Record> records);

  /**
   * Records of one device with {@code from <= ts < to}, oldest first (ties in time ordered by id),
   * at most {@code limit} at a time. {@code continuation} is {@code null} for the first page, then
   * the previous page's {@link Page#next()}; it is {@code null} once no records are left.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation);

  /**
   * Records of one device in the range whose event IO id is one of {@code eventIds}, paged as
   * {@link #positions}: oldest first, at most {@code limit} at a time, {@code continuation} the
   * previous page's {@link Page#next()}.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit, String continuation);

  /**
   * Stores messages devices sent on their own (upsert by {@link DeviceMessage#id()}: a message whose
   * id is already stored keeps its first stored copy). They do not move a device's latest state.
   * Returns when the messages are durable.
   */
  void storeMessages(List<DeviceMessage> messages);

  /**
   * Messages of one device with {@code from <= ts < to}, oldest first (ties in time ordered by id),
   * paged like {@link #positions}.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit, String continuation);

  Optional<DeviceState> device(String imei);

  /**
   * The devices that are registered or have sent data, ordered by IMEI, at most {@code limit} at a
   * time; {@code continuation} is {@code null} for the first page, then the previous page's
   * {@link Page#next()}, which is {@code null} on the last one.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  default Page<DeviceState> devices(int limit, String continuation) {
    return devices(DeviceQuery.ALL, limit, continuation);
  }

  /**
   * The devices the query selects, at most {@code limit} at a time, in the order
   * {@link DeviceQuery} gives; {@code continuation} as in {@link #devices(int, String)}. A token is
   * only valid with the query that produced it.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  Page<DeviceState> devices(DeviceQuery query, int limit, String continuation);

  /**
   * How many devices there are, how many are online (data received at or after
   * {@code onlineSince}) and how many of those are moving (last record's speed above 0). Answered
   * from an index or kept counts, never by reading every device.
   */
  FleetCounts fleetCounts(Instant onlineSince);

  /**
   * For each tile (a {@link Quadkey} of any level up to {@link Quadkey#DEVICE_LEVEL}; none inside
   * another), the devices whose last position lies in it: count and mean position. Tiles without a
   * device are left out; the rest come in the order given. A device has a position once it has a
   * last record that is not at 0/0 (a tracker that never had a fix).
   *
   * @throws IllegalArgumentException if more than {@link #MAX_MAP_TILES} tiles are asked
   */
  List<MapCell> mapCells(List<String> tiles);

  /** The devices whose last position lies in one of the tiles, by IMEI, at most {@code limit}. */
  List<DeviceState> devicesInTiles(List<String> tiles, int limit);

  /** Most tiles one {@link #mapCells} call may ask about. */
  int MAX_MAP_TILES = 256;

  /** Adds the IMEI to the registry (used by the {@code registered} policy) with a display name. */
  DeviceState register(String imei, String name);

  /**
   * Removes the device from the registry (name and registered flag); its records and latest state
   * stay, and a device that never sent data is forgotten. Returns false if it was not registered.
   */
  boolean remove(String imei);

  boolean isRegistered(String imei);

  /**
   * Keeps an unprocessable message with the reason it was refused (never silently dropped).
   * Idempotent by {@link RejectedMessage#id()}: a redelivered message is kept once.
   */
  void reject(RejectedMessage message);

  /** The most recent {@code limit} rejected messages, oldest first. */
  List<RejectedMessage> rejected(int limit);

  @Override
  default void close() {
  }
}
