package io.fleetwire.testsupport.report;

import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.Page;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link FleetDayStore} in memory for tests; its continuation token is the last IMEI of a page. */
public final class InMemoryFleetDayStore implements FleetDayStore {
  private final Map<LocalDate, NavigableMap<String, FleetDayRow>> rows = new ConcurrentHashMap<>();
  private final Map<LocalDate, FleetDayProgress> progress = new ConcurrentHashMap<>();
  private int saves;

  @Override
  public Optional<FleetDayProgress> progress(LocalDate date) {
    return Optional.ofNullable(progress.get(date));
  }

  @Override
  public synchronized void save(List<FleetDayRow> dayRows, FleetDayProgress dayProgress) {
    for (FleetDayRow row : dayRows) {
      LocalDate day = LocalDate.ofInstant(row.report().from(), ZoneOffset.UTC);
      if (!day.equals(dayProgress.date())) {
        throw new IllegalArgumentException("row of " + row.report().imei() + " is for " + day + ", not "
            + dayProgress.date());
      }
    }
    NavigableMap<String, FleetDayRow> day = rows.computeIfAbsent(dayProgress.date(), d -> new TreeMap<>());
    dayRows.forEach(row -> day.put(row.report().imei(), row));
    progress.put(dayProgress.date(), dayProgress);
    saves++;
  }

  @Override
  public synchronized Page<FleetDayRow> rows(LocalDate date, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (continuation != null && !continuation.matches("[0-9]{15}")) {
      throw new IllegalArgumentException("not a continuation token: " + continuation);
    }
    NavigableMap<String, FleetDayRow> day = rows.getOrDefault(date, new TreeMap<>());
    NavigableMap<String, FleetDayRow> rest = continuation == null ? day : day.tailMap(continuation, false);
    List<FleetDayRow> page = new ArrayList<>(rest.values()).subList(0, Math.min(limit, rest.size()));
    String next = rest.size() > limit ? page.get(page.size() - 1).report().imei() : null;
    return new Page<>(page, next);
  }

  /** How many times {@link #save} was called: one per page of devices a computation stored. */
  public synchronized int saves() {
    return saves;
  }
}
