package io.fleetwire.testsupport.store;

import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link TelemetryStore} implementation must show. A subclass supplies a fresh,
 * empty store and, if it persists, a way to reopen it on the same data.
 */
public abstract class TelemetryStoreContract {
  protected static final String IMEI = "356307042441013";
  protected static final String OTHER_IMEI = "352093081452251";
  protected static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
  protected static final Instant FAR_PAST = Instant.parse("2000-01-01T00:00:00Z");
  protected static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

  protected TelemetryStore store;

  /** A fresh, empty store. */
  protected abstract TelemetryStore newStore();

  /**
   * Closes {@code store} and opens it again on the same data. Stores without persistence return it
   * unchanged.
   */
  protected TelemetryStore reopen(TelemetryStore store) {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** A record {@code seconds} after {@link #T0}; {@code variant} tells apart records at the same time. */
  protected static Record record(String imei, long seconds, int variant) {
    return record(imei, T0.plusSeconds(seconds), variant, 0);
  }

  protected static Record record(String imei, Instant ts, int variant, int event) {
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(239, 1L);
    io.put(66, 12_000L + variant);
    if (event != 0) {
      io.put(event, 1L);
    }
    // typed as ingest names them from the IO dictionary
    TreeMap<String, Object> sensors = new TreeMap<>();
    sensors.put("ignition", true);
    sensors.put("externalVoltageV", 12.0 + variant / 1000.0);
    String id = RecordId.of(imei, ts, new byte[] {(byte) variant, (byte) (variant >>> 8), (byte) event});
    return new Record(id, imei, ts, ts.plusSeconds(2), 54.6872 + variant * 1e-4, 25.2797, 120, 90, 60, 9,
        1, event, null, io, new TreeMap<>(), sensors);
  }

  private static List<Record> track(String imei, int count) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(imei, i, 0));
    }
    return records;
  }

  /** Every item of a paged query, following each page's continuation to the end. */
  private static <T> List<T> all(int pageSize, BiFunction<Integer, String, Page<T>> query) {
    List<T> all = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      Page<T> page = query.apply(pageSize, next);
      assertTrue(page.items().size() <= pageSize, "page larger than the limit");
      all.addAll(page.items());
      next = page.next();
      pages++;
      assertTrue(pages < 10_000, "continuation never ended");
    } while (next != null);
    return all;
  }

  private List<Record> allPositions(String imei, int pageSize) {
    return all(pageSize, (limit, next) -> store.positions(imei, FAR_PAST, FAR_FUTURE, limit, next));
  }

  private List<DeviceState> allDevices(int pageSize) {
    return all(pageSize, (limit, next) -> store.devices(limit, next));
  }

  private List<Record> allEvents(String imei, Instant from, Instant to, Set<Integer> eventIds, int pageSize) {
    return all(pageSize, (limit, next) -> store.events(imei, from, to, eventIds, limit, next));
  }

  @Test
  void upsertOfTheSameRecordsManyTimesKeepsOneCopyEach() {
    List<Record> records = track(IMEI, 5);
    for (int i = 0; i < 3; i++) {
      store.upsert(records);
    }
    store = reopen(store);
    store.upsert(records);
    store.upsert(records.subList(1, 3));
    assertEquals(records, allPositions(IMEI, 100));
  }

  @Test
  void aResentRecordKeepsItsFirstStoredCopy() {
    Record first = record(IMEI, 0, 0);
    Record resent = new Record(first.id(), IMEI, first.ts(), first.receivedAt().plusSeconds(60), first.lat(),
        first.lon(), first.alt(), first.angle(), first.speed(), first.sats(), first.priority(), first.event(),
        first.generationType(), first.io(), first.ioHex(), first.sensors());
    store.upsert(List.of(first));
    store.upsert(List.of(resent));
    assertEquals(List.of(first), allPositions(IMEI, 10));
  }

  @Test
  void storedRecordsReadBackWithEveryField() {
    TreeMap<Integer, String> ioHex = new TreeMap<>();
    ioHex.put(385, "0a0b0c");
    // 8-byte values beyond 2^53 on both sides, typed sensors of every kind
    Record full = new Record("r-1", IMEI, T0, T0.plusMillis(1500), -33.8688, 151.2093, true, -12, 359, 87, 14, 2,
        247, 3, new TreeMap<>(java.util.Map.of(247, 1L, 72, 215L, 78, -6_148_914_691_236_517_206L,
            11, 8_937_204_016_201_234_567L)), ioHex,
        new TreeMap<>(java.util.Map.of("crash", true, "temperature1C", 21.5, "gsmSignal", 4L,
            "driverId", "AAAAAAAAAAAAAAAA")));
    Record noFix = record(IMEI, 1, 0).judged();
    Record repeatedPosition = new Record("r-3", IMEI, T0.plusSeconds(2), T0.plusSeconds(3), 54.1, 25.2, false, 0, 0,
        0, 0, 0, 0, null, null, null, null);
    store.upsert(List.of(full, noFix, repeatedPosition));
    assertEquals(List.of(full, noFix, repeatedPosition), allPositions(IMEI, 10));
    assertEquals(Boolean.FALSE, allPositions(IMEI, 10).get(2).valid());
  }

  @Test
  void aRecordWithoutCoordinatesReadsBackAsNotValid() {
    Record withoutCoordinates = new Record("r-none", IMEI, T0, T0.plusSeconds(1), null, null, 0, 0, 0, 0, 0, 0,
        null, null, null, null);
    store.upsert(List.of(withoutCoordinates));
    Record read = allPositions(IMEI, 10).get(0);
    assertEquals(withoutCoordinates, read);
    assertEquals(Boolean.FALSE, read.valid());
    assertFalse(read.hasFix());
  }

  @Test
  void storedMessagesReadBackOnceEachOldestFirstAndPaged() {
    List<DeviceMessage> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      messages.add(DeviceMessage.of(IMEI, T0.plusSeconds(10 - i), T0.plusSeconds(20), 13, 6, "driver " + i, null));
    }
    DeviceMessage binary = DeviceMessage.of(IMEI, T0.plusSeconds(6), T0.plusSeconds(20), 12, 6, null, "0103000100");
    DeviceMessage other = DeviceMessage.of(OTHER_IMEI, T0, T0, 15, 11, "Hello!\n", null);
    store.storeMessages(messages);
    store.storeMessages(List.of(binary, other, messages.get(0)));
    store = reopen(store);
    List<DeviceMessage> all = new ArrayList<>();
    String next = null;
    do {
      Page<DeviceMessage> page = store.messages(IMEI, FAR_PAST, FAR_FUTURE, 2, next);
      assertTrue(page.items().size() <= 2, "page larger than the limit");
      all.addAll(page.items());
      next = page.next();
    } while (next != null);
    List<DeviceMessage> expected = new ArrayList<>(messages);
    expected.add(binary);
    expected.sort(java.util.Comparator.comparing(DeviceMessage::ts).thenComparing(DeviceMessage::id));
    assertEquals(expected, all);
    assertEquals(List.of(other), store.messages(OTHER_IMEI, FAR_PAST, FAR_FUTURE, 10, null).items());
    assertEquals(List.of(messages.get(4)),
        store.messages(IMEI, T0.plusSeconds(6), T0.plusSeconds(7), 10, null).items().stream()
            .filter(m -> m.text() != null).toList());
    assertThrows(IllegalArgumentException.class, () -> store.messages(IMEI, FAR_PAST, FAR_FUTURE, 0, null));
  }

  @Test
  void latestStateMovesOnlyForwardInRecordTime() {
    Record newer = record(IMEI, 100, 0);
    Record older = record(IMEI, 50, 0);
    store.upsert(List.of(newer));
    store.upsert(List.of(older));
    DeviceState state = store.device(IMEI).orElseThrow();
    assertEquals(newer, state.last());
    assertEquals(List.of(older, newer), allPositions(IMEI, 10));
  }

  @Test
  void latestStateIsTheNewestRecordOfABatchInAnyOrder() {
    Record a = record(IMEI, 10, 0);
    Record b = record(IMEI, 30, 0);
    Record c = record(IMEI, 20, 0);
    store.upsert(List.of(a, b, c));
    assertEquals(b, store.device(IMEI).orElseThrow().last());
    store = reopen(store);
    store.upsert(List.of(record(IMEI, 40, 0), record(IMEI, 5, 0)));
    assertEquals(T0.plusSeconds(40), store.device(IMEI).orElseThrow().last().ts());
  }

  @Test
  void lastSeenIsTheNewestReceivedTimeEvenForALateOldRecord() {
    Record newer = record(IMEI, 100, 0);
    Record lateOld = new Record("late", IMEI, T0, T0.plusSeconds(500), 1.0, 2.0, 0, 0, 0, 5, 0, 0, null,
        null, null, null);
    store.upsert(List.of(newer));
    assertEquals(newer.receivedAt(), store.device(IMEI).orElseThrow().lastSeen());
    store.upsert(List.of(lateOld));
    DeviceState state = store.device(IMEI).orElseThrow();
    assertEquals(T0.plusSeconds(500), state.lastSeen());
    assertEquals(newer, state.last());
  }

  @Test
  void lastSeenFallsBackToRecordTimeWithoutReceivedTime() {
    Record record = new Record("no-received", IMEI, T0, null, 1.0, 2.0, 0, 0, 0, 5, 0, 0, null, null, null, null);
    store.upsert(List.of(record));
    assertEquals(T0, store.device(IMEI).orElseThrow().lastSeen());
  }

  @Test
  void positionsAreOldestFirstWithFromInclusiveAndToExclusive() {
    store.upsert(List.of(record(IMEI, 30, 0), record(IMEI, 10, 0), record(IMEI, 20, 0), record(IMEI, 40, 0)));
    store.upsert(List.of(record(OTHER_IMEI, 20, 0)));
    Page<Record> page = store.positions(IMEI, T0.plusSeconds(10), T0.plusSeconds(40), 10, null);
    assertEquals(List.of(record(IMEI, 10, 0), record(IMEI, 20, 0), record(IMEI, 30, 0)), page.items());
    assertNull(page.next());
  }

  @Test
  void positionsOfAnUnknownDeviceOrAnEmptyRangeAreEmpty() {
    store.upsert(track(IMEI, 3));
    assertEquals(new Page<Record>(List.of(), null), store.positions(OTHER_IMEI, FAR_PAST, FAR_FUTURE, 10, null));
    assertEquals(new Page<Record>(List.of(), null), store.positions(IMEI, T0.plusSeconds(1), T0.plusSeconds(1), 10, null));
  }

  @Test
  void continuationPagesThroughEveryRecordOnceWhatEverThePageSize() {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      for (int variant = 0; variant < 3; variant++) {
        records.add(record(IMEI, i, variant));
      }
    }
    store.upsert(records);
    List<Record> expected = allPositions(IMEI, 1000);
    assertEquals(21, expected.size());
    for (int i = 1; i < expected.size(); i++) {
      assertFalse(expected.get(i).ts().isBefore(expected.get(i - 1).ts()), "not oldest first");
    }
    for (int pageSize : new int[] {1, 2, 3, 4, 5, 7, 20, 21, 22}) {
      assertEquals(expected, allPositions(IMEI, pageSize), "page size " + pageSize);
    }
  }

  @Test
  void aFullLastPageEndsWithoutAToken() {
    store.upsert(track(IMEI, 4));
    Page<Record> first = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 2, null);
    assertEquals(2, first.items().size());
    Page<Record> second = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 2, first.next());
    assertEquals(track(IMEI, 4).subList(2, 4), second.items());
    assertNull(second.next());
  }

  @Test
  void continuationStaysWithinTheRequestedRange() {
    store.upsert(track(IMEI, 10));
    Instant from = T0.plusSeconds(2);
    Instant to = T0.plusSeconds(6);
    Page<Record> first = store.positions(IMEI, from, to, 3, null);
    Page<Record> second = store.positions(IMEI, from, to, 3, first.next());
    assertEquals(track(IMEI, 10).subList(2, 5), first.items());
    assertEquals(track(IMEI, 10).subList(5, 6), second.items());
    assertNull(second.next());
  }

  @Test
  void recordsStoredAfterAPageAreFoundByItsContinuation() {
    store.upsert(track(IMEI, 4));
    Page<Record> first = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 3, null);
    store.upsert(List.of(record(IMEI, 6, 0), record(IMEI, 5, 0)));
    Page<Record> rest = store.positions(IMEI, FAR_PAST, FAR_FUTURE, 10, first.next());
    assertEquals(List.of(record(IMEI, 3, 0), record(IMEI, 5, 0), record(IMEI, 6, 0)), rest.items());
    assertNull(rest.next());
  }

  @Test
  void badLimitOrMalformedTokenIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> store.positions(IMEI, FAR_PAST, FAR_FUTURE, 0, null));
    assertThrows(IllegalArgumentException.class,
        () -> store.positions(IMEI, FAR_PAST, FAR_FUTURE, 10, "not a token"));
  }

  @Test
  void eventsAreFilteredByEventIdAndRange() {
    Record crash = record(IMEI, T0.plusSeconds(10), 0, 247);
    Record towing = record(IMEI, T0.plusSeconds(20), 0, 246);
    Record ignition = record(IMEI, T0.plusSeconds(30), 0, 239);
    Record lateCrash = record(IMEI, T0.plusSeconds(40), 0, 247);
    Record otherDevice = record(OTHER_IMEI, T0.plusSeconds(15), 0, 247);
    store.upsert(List.of(lateCrash, ignition, towing, crash, otherDevice, record(IMEI, 25, 0)));
    assertEquals(List.of(crash, towing), allEvents(IMEI, T0, T0.plusSeconds(40), Set.of(247, 246), 10));
    assertEquals(List.of(crash, lateCrash), allEvents(IMEI, T0, T0.plusSeconds(41), Set.of(247), 10));
    assertEquals(new Page<Record>(List.of(), null), store.events(IMEI, T0, T0.plusSeconds(41), Set.of(), 10, null));
  }

  @Test
  void eventsPageThroughEveryMatchingRecordOnceWhatEverThePageSize() {
    List<Record> expected = new ArrayList<>();
    List<Record> stored = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      for (int variant = 0; variant < 2; variant++) {
        Record event = record(IMEI, T0.plusSeconds(i), variant, i % 3 == 0 ? 246 : 247);
        stored.add(event);
        expected.add(event);
        stored.add(record(IMEI, T0.plusSeconds(i), variant + 2, 239));
      }
    }
    store.upsert(stored);
    expected.sort(java.util.Comparator.comparing(Record::ts).thenComparing(Record::id));
    for (int pageSize : new int[] {1, 2, 5, 17, 18, 19}) {
      assertEquals(expected, allEvents(IMEI, FAR_PAST, FAR_FUTURE, Set.of(246, 247), pageSize), "page size " + pageSize);
    }
    Page<Record> first = store.events(IMEI, FAR_PAST, FAR_FUTURE, Set.of(246, 247), 4, null);
    assertEquals(expected.subList(0, 4), first.items());
    assertEquals(expected.subList(4, 8), store.events(IMEI, FAR_PAST, FAR_FUTURE, Set.of(246, 247), 4,
        first.next()).items());
  }

  @Test
  void eventsRefuseABadLimitOrMalformedToken() {
    assertThrows(IllegalArgumentException.class,
        () -> store.events(IMEI, FAR_PAST, FAR_FUTURE, Set.of(247), 0, null));
    assertThrows(IllegalArgumentException.class,
        () -> store.events(IMEI, FAR_PAST, FAR_FUTURE, Set.of(247), 10, "not a token"));
  }

  @Test
  void devicesPageByImeiThroughEveryDeviceOnceWhatEverThePageSize() {
    List<String> imeis = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String imei = "35630704244" + (1000 + i * 7);
      imeis.add(imei);
      if (i % 2 == 0) {
        store.register(imei, "Van " + i);
      } else {
        store.upsert(List.of(record(imei, i, 0)));
      }
    }
    List<DeviceState> expected = allDevices(100);
    assertEquals(imeis, expected.stream().map(DeviceState::imei).toList());
    for (int pageSize : new int[] {1, 2, 3, 6, 7, 8}) {
      assertEquals(expected, allDevices(pageSize), "page size " + pageSize);
    }
    Page<DeviceState> first = store.devices(3, null);
    assertEquals(expected.subList(0, 3), first.items());
    store.register("356307042440000", "Added before the page");
    store.register("356307042449999", "Added after the page");
    Page<DeviceState> rest = store.devices(10, first.next());
    assertEquals(imeis.subList(3, 7), rest.items().stream().map(DeviceState::imei).limit(4).toList());
    assertEquals("356307042449999", rest.items().get(4).imei());
    assertNull(rest.next());
  }

  @Test
  void devicesRefuseABadLimitOrMalformedToken() {
    store.register(IMEI, "Van 7");
    assertThrows(IllegalArgumentException.class, () -> store.devices(0, null));
    assertThrows(IllegalArgumentException.class, () -> store.devices(10, "not a token"));
  }

  @Test
  void registeredDeviceIsListedBeforeItSendsData() {
    DeviceState registered = store.register(IMEI, "Van 7");
    assertEquals(new DeviceState(IMEI, "Van 7", true, null, null), registered);
    assertTrue(store.isRegistered(IMEI));
    assertEquals(List.of(registered), allDevices(100));
    assertEquals(registered, store.device(IMEI).orElseThrow());
  }

  @Test
  void seenDeviceAppearsUnregisteredWithItsLatestRecord() {
    Record latest = record(OTHER_IMEI, 5, 0);
    store.upsert(List.of(record(OTHER_IMEI, 1, 0), latest));
    store.register(IMEI, "Van 7");
    assertFalse(store.isRegistered(OTHER_IMEI));
    assertEquals(List.of(new DeviceState(OTHER_IMEI, null, false, latest.receivedAt(), latest),
        new DeviceState(IMEI, "Van 7", true, null, null)), allDevices(100));
  }

  @Test
  void registeringASeenDeviceKeepsItsDataAndRenamingKeepsItRegistered() {
    Record latest = record(IMEI, 5, 0);
    store.upsert(List.of(latest));
    store.register(IMEI, "Van 7");
    DeviceState renamed = store.register(IMEI, "Van 8");
    assertEquals(new DeviceState(IMEI, "Van 8", true, latest.receivedAt(), latest), renamed);
    store = reopen(store);
    assertEquals(renamed, store.device(IMEI).orElseThrow());
  }

  @Test
  void removeForgetsTheRegistryEntryButKeepsData() {
    Record latest = record(IMEI, 5, 0);
    store.upsert(List.of(latest));
    store.register(IMEI, "Van 7");
    store.register(OTHER_IMEI, "Never seen");
    assertTrue(store.remove(IMEI));
    assertTrue(store.remove(OTHER_IMEI));
    assertFalse(store.isRegistered(IMEI));
    assertEquals(List.of(new DeviceState(IMEI, null, false, latest.receivedAt(), latest)), allDevices(100));
    assertTrue(store.device(OTHER_IMEI).isEmpty());
    assertEquals(List.of(latest), allPositions(IMEI, 10));
  }

  @Test
  void removeOfAnUnregisteredDeviceReturnsFalse() {
    store.upsert(List.of(record(IMEI, 1, 0)));
    assertFalse(store.remove(IMEI));
    assertFalse(store.remove(OTHER_IMEI));
    assertTrue(store.device(IMEI).isPresent());
  }

  @Test
  void unknownDeviceIsAbsentAndUnregistered() {
    assertTrue(store.device(IMEI).isEmpty());
    assertFalse(store.isRegistered(IMEI));
    assertEquals(List.of(), allDevices(100));
  }

  @Test
  void rejectedMessagesAreKeptOnceEachMostRecentLast() {
    RejectedMessage first = new RejectedMessage("m-1", T0, null, "unreadable JSON", "{oops");
    RejectedMessage second = new RejectedMessage("m-2", T0.plusSeconds(1), IMEI, "unknown schema version 9",
        "{\"schemaVersion\":9}");
    RejectedMessage third = new RejectedMessage("m-3", T0.plusSeconds(2), IMEI, "latitude 91.0 out of range", null);
    store.reject(first);
    store.reject(second);
    store.reject(first);
    store = reopen(store);
    store.reject(third);
    assertEquals(List.of(first, second, third), store.rejected(10));
    assertEquals(List.of(second, third), store.rejected(2));
  }
}
