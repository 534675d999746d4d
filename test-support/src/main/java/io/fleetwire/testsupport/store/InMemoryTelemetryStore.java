package io.fleetwire.testsupport.store;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.fleet.Quadkey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The store port in memory, for tests of ingest, API and reports. It passes the same contract
 * suite as the real stores. Records are kept per device ordered by (ts, id); the continuation
 * token is the last returned (ts, id). The fleet queries scan every device: fine for tests, and
 * the reference the indexed stores are held to.
 */
public final class InMemoryTelemetryStore implements TelemetryStore {
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::ts).thenComparing(Key::id);

  private record Key(Instant ts, String id) {
  }

  private record Entry(String name, boolean registered, Instant lastSeen, Record last, Instant changedAt) {
  }

  private final Map<String, NavigableMap<Key, Record>> records = new HashMap<>();
  private final Map<String, Entry> devices = new LinkedHashMap<>();
  private final List<RejectedMessage> rejected = new ArrayList<>();
  private final Map<String, NavigableMap<Key, DeviceMessage>> messages = new HashMap<>();
  private final Clock clock;

  public InMemoryTelemetryStore() {
    this(Clock.systemUTC());
  }

  /** @param clock the store's clock, which times each change of a device */
  public InMemoryTelemetryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void upsert(List<Record> batch) {
    for (Record record : batch) {
      records.computeIfAbsent(record.imei(), k -> new TreeMap<>(ORDER))
          .putIfAbsent(new Key(record.ts(), record.id()), record);
      Entry entry = devices.getOrDefault(record.imei(), new Entry(null, false, null, null, null));
      Instant seen = record.receivedAt() == null ? record.ts() : record.receivedAt();
      Instant lastSeen = entry.lastSeen() == null || seen.isAfter(entry.lastSeen()) ? seen : entry.lastSeen();
      Record last = entry.last() == null || record.ts().isAfter(entry.last().ts()) ? record : entry.last();
      boolean changed = !lastSeen.equals(entry.lastSeen()) || last != entry.last();
      devices.put(record.imei(), new Entry(entry.name(), entry.registered(), lastSeen, last,
          changed ? now() : entry.changedAt()));
    }
  }

  @Override
  public synchronized Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    return page(records.getOrDefault(imei, new TreeMap<>(ORDER)), from, to, r -> true, limit, continuation);
  }

  @Override
  public synchronized void storeMessages(List<DeviceMessage> batch) {
    for (DeviceMessage message : batch) {
      messages.computeIfAbsent(message.imei(), k -> new TreeMap<>(ORDER))
          .putIfAbsent(new Key(message.ts(), message.id()), message);
    }
  }

  @Override
  public synchronized Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit,
      String continuation) {
    return page(messages.getOrDefault(imei, new TreeMap<>(ORDER)), from, to, m -> true, limit, continuation);
  }

  private static <T> Page<T> page(NavigableMap<Key, T> all, Instant from, Instant to, Predicate<T> filter, int limit,
      String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Key start = new Key(from, "");
    boolean inclusive = true;
    if (continuation != null) {
      Key after = parseToken(continuation);
      if (ORDER.compare(after, start) >= 0) {
        start = after;
        inclusive = false;
      }
    }
    List<T> page = new ArrayList<>();
    Key last = null;
    for (Map.Entry<Key, T> e : all.tailMap(start, inclusive).entrySet()) {
      if (!e.getKey().ts().isBefore(to)) {
        break;
      }
      if (!filter.test(e.getValue())) {
        continue;
      }
      if (page.size() == limit) {
        return new Page<>(page, last.ts() + "|" + last.id());
      }
      page.add(e.getValue());
      last = e.getKey();
    }
    return new Page<>(page, null);
  }

  private static Key parseToken(String continuation) {
    int bar = continuation.indexOf('|');
    try {
      return new Key(Instant.parse(continuation.substring(0, bar)), continuation.substring(bar + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed continuation token: " + continuation, e);
    }
  }

  @Override
  public synchronized Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
      String continuation) {
    return page(records.getOrDefault(imei, new TreeMap<>(ORDER)), from, to, r -> eventIds.contains(r.event()), limit,
        continuation);
  }

  @Override
  public synchronized Optional<DeviceState> device(String imei) {
    Entry entry = devices.get(imei);
    return entry == null ? Optional.empty() : Optional.of(state(imei, entry));
  }

  /**
   * Without {@code changedSince} the continuation token is the last IMEI of the previous page;
   * with it, that device's change time in epoch milliseconds and its IMEI, as {@code ms|imei}.
   */
  @Override
  public synchronized Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    boolean byChange = query.changedSince() != null;
    Change after = continuation == null ? null : Change.parse(continuation, byChange);
    Comparator<Map.Entry<String, Entry>> order = byChange
        ? Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().changedAt())
            .thenComparing(Map.Entry::getKey)
        : Map.Entry.comparingByKey();
    List<Map.Entry<String, Entry>> rows = devices.entrySet().stream()
        .filter(e -> query.matches(e.getKey(), e.getValue().name()))
        .filter(e -> !byChange || e.getValue().changedAt().isAfter(query.changedSince()))
        .filter(e -> after == null || after.isBefore(e.getKey(), e.getValue().changedAt()))
        .sorted(order)
        .limit(limit + 1L)
        .toList();
    List<DeviceState> states = rows.stream().map(e -> state(e.getKey(), e.getValue())).toList();
    if (states.size() <= limit) {
      return new Page<>(states, null);
    }
    Map.Entry<String, Entry> last = rows.get(limit - 1);
    String next = byChange ? last.getValue().changedAt().toEpochMilli() + "|" + last.getKey() : last.getKey();
    return new Page<>(states.subList(0, limit), next);
  }

  /** Where a device listing stopped: the last IMEI and, when listed by change, its change time. */
  private record Change(Instant changedAt, String imei) {
    static Change parse(String token, boolean byChange) {
      int bar = token.indexOf('|');
      // by change time "ms|imei", by IMEI the IMEI alone
      String imei = byChange && bar > 0 ? token.substring(bar + 1) : token;
      if (byChange != (bar > 0) || imei.isEmpty() || !imei.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("malformed continuation token: " + token);
      }
      try {
        return new Change(byChange ? Instant.ofEpochMilli(Long.parseLong(token.substring(0, bar))) : null, imei);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed continuation token: " + token, e);
      }
    }

    boolean isBefore(String otherImei, Instant otherChangedAt) {
      int byTime = changedAt == null ? 0 : otherChangedAt.compareTo(changedAt);
      return byTime > 0 || (byTime == 0 && otherImei.compareTo(imei) > 0);
    }
  }

  @Override
  public synchronized FleetCounts fleetCounts(Instant onlineSince) {
    long online = 0;
    long moving = 0;
    for (Entry entry : devices.values()) {
      if (entry.lastSeen() != null && !entry.lastSeen().isBefore(onlineSince)) {
        online++;
        if (entry.last() != null && entry.last().speed() > 0) {
          moving++;
        }
      }
    }
    return new FleetCounts(devices.size(), online, moving);
  }

  @Override
  public synchronized List<MapCell> mapCells(List<String> tiles) {
    if (tiles.size() > MAX_MAP_TILES) {
      throw new IllegalArgumentException(tiles.size() + " tiles asked, at most " + MAX_MAP_TILES);
    }
    tiles.forEach(Quadkey::level);
    List<MapCell> cells = new ArrayList<>();
    for (String tile : tiles) {
      List<Record> inside = devices.values().stream().map(Entry::last)
          .filter(last -> inTile(last, List.of(tile))).toList();
      if (!inside.isEmpty()) {
        cells.add(new MapCell(tile, inside.size(), inside.stream().mapToDouble(Record::lat).average().orElseThrow(),
            inside.stream().mapToDouble(Record::lon).average().orElseThrow()));
      }
    }
    return cells;
  }

  @Override
  public synchronized List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    tiles.forEach(Quadkey::level);
    return devices.entrySet().stream()
        .filter(e -> inTile(e.getValue().last(), tiles))
        .sorted(Map.Entry.comparingByKey())
        .limit(limit)
        .map(e -> state(e.getKey(), e.getValue()))
        .toList();
  }

  private static boolean inTile(Record last, List<String> tiles) {
    String key = Quadkey.ofLast(last);
    return key != null && tiles.stream().anyMatch(key::startsWith);
  }

  @Override
  public synchronized DeviceState register(String imei, String name) {
    Entry entry = devices.getOrDefault(imei, new Entry(null, false, null, null, null));
    Entry registered = new Entry(name, true, entry.lastSeen(), entry.last(), now());
    devices.put(imei, registered);
    return state(imei, registered);
  }

  @Override
  public synchronized boolean remove(String imei) {
    Entry entry = devices.get(imei);
    if (entry == null || !entry.registered()) {
      return false;
    }
    if (entry.lastSeen() == null) {
      devices.remove(imei);
    } else {
      devices.put(imei, new Entry(null, false, entry.lastSeen(), entry.last(), now()));
    }
    return true;
  }

  @Override
  public synchronized boolean isRegistered(String imei) {
    Entry entry = devices.get(imei);
    return entry != null && entry.registered();
  }

  @Override
  public synchronized void reject(RejectedMessage message) {
    if (rejected.stream().noneMatch(r -> r.id().equals(message.id()))) {
      rejected.add(message);
    }
  }

  @Override
  public synchronized List<RejectedMessage> rejected(int limit) {
    return List.copyOf(rejected.subList(Math.max(0, rejected.size() - limit), rejected.size()));
  }

  /** Change times are kept to the millisecond, like every other instant of the store. */
  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  private static DeviceState state(String imei, Entry entry) {
    return new DeviceState(imei, entry.name(), entry.registered(), entry.lastSeen(), entry.last());
  }
}
