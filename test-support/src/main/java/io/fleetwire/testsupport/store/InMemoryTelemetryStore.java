package io.fleetwire.testsupport.store;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;

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
 * token is the last returned (ts, id).
 */
public final class InMemoryTelemetryStore implements TelemetryStore {
  private static final Comparator<Key> ORDER = Comparator.comparing(Key::ts).thenComparing(Key::id);

  private record Key(Instant ts, String id) {
  }

  private record Entry(String name, boolean registered, Instant lastSeen, Record last) {
  }

  private final Map<String, NavigableMap<Key, Record>> records = new HashMap<>();
  private final Map<String, Entry> devices = new LinkedHashMap<>();
  private final List<RejectedMessage> rejected = new ArrayList<>();
  private final Map<String, NavigableMap<Key, DeviceMessage>> messages = new HashMap<>();

  @Override
  public synchronized void upsert(List<Record> batch) {
    for (Record record : batch) {
      records.computeIfAbsent(record.imei(), k -> new TreeMap<>(ORDER))
          .putIfAbsent(new Key(record.ts(), record.id()), record);
      Entry entry = devices.getOrDefault(record.imei(), new Entry(null, false, null, null));
      Instant seen = record.receivedAt() == null ? record.ts() : record.receivedAt();
      Instant lastSeen = entry.lastSeen() == null || seen.isAfter(entry.lastSeen()) ? seen : entry.lastSeen();
      Record last = entry.last() == null || record.ts().isAfter(entry.last().ts()) ? record : entry.last();
      devices.put(record.imei(), new Entry(entry.name(), entry.registered(), lastSeen, last));
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

  /** The continuation token is the last IMEI of the previous page. */
  @Override
  public synchronized Page<DeviceState> devices(int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (continuation != null && (continuation.isEmpty() || !continuation.chars().allMatch(Character::isDigit))) {
      throw new IllegalArgumentException("malformed continuation token: " + continuation);
    }
    List<DeviceState> after = devices.entrySet().stream()
        .filter(e -> continuation == null || e.getKey().compareTo(continuation) > 0)
        .map(e -> state(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(DeviceState::imei))
        .limit(limit + 1L)
        .toList();
    if (after.size() <= limit) {
      return new Page<>(after, null);
    }
    return new Page<>(after.subList(0, limit), after.get(limit - 1).imei());
  }

  @Override
  public synchronized DeviceState register(String imei, String name) {
    Entry entry = devices.getOrDefault(imei, new Entry(null, false, null, null));
    Entry registered = new Entry(name, true, entry.lastSeen(), entry.last());
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
      devices.put(imei, new Entry(null, false, entry.lastSeen(), entry.last()));
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

  private static DeviceState state(String imei, Entry entry) {
    return new DeviceState(imei, entry.name(), entry.registered(), entry.lastSeen(), entry.last());
  }
}
