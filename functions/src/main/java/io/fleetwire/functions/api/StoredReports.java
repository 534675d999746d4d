package io.fleetwire.functions.api;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.functions.report.DeviceReport;
import io.fleetwire.functions.report.FleetDayReport;
import io.fleetwire.functions.report.FleetDayRow;
import io.fleetwire.functions.report.TrackAccumulator;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports over stored records: pages through the store and feeds each page to a
 * {@link TrackAccumulator}, so memory stays one page however long the range. A device with more
 * than {@link #MAX_RECORDS} (by default) records in the range is refused rather than read without end.
 */
final class StoredReports {
  static final int PAGE_SIZE = 1000;
  static final long MAX_RECORDS = 500_000;

  private final TelemetryStore store;
  private final IoDictionary dictionary;
  private final long maxRecords;

  StoredReports(TelemetryStore store, IoDictionary dictionary) {
    this(store, dictionary, MAX_RECORDS);
  }

  StoredReports(TelemetryStore store, IoDictionary dictionary, long maxRecords) {
    this.store = store;
    this.dictionary = dictionary;
    this.maxRecords = maxRecords;
  }

  DeviceReport device(String imei, TimeRange range) {
    TrackAccumulator track = new TrackAccumulator(dictionary);
    String continuation = null;
    long read = 0;
    do {
      Page<Record> page = store.positions(imei, range.from(), range.to(), PAGE_SIZE, continuation);
      read += page.items().size();
      if (read > maxRecords) {
        throw ApiException.badRequest("too_many_records", "device " + imei + " has more than "
            + maxRecords + " records from " + range.from() + " to " + range.to() + "; ask for a shorter range");
      }
      page.items().forEach(track::add);
      continuation = page.next();
    } while (continuation != null);
    return track.report(imei, range.from(), range.to());
  }

  FleetDayReport fleetDay(LocalDate date) {
    TimeRange day = new TimeRange(FleetDayReport.start(date), FleetDayReport.end(date));
    List<FleetDayRow> rows = new ArrayList<>();
    String continuation = null;
    do {
      Page<DeviceState> devices = store.devices(PAGE_SIZE, continuation);
      for (DeviceState device : devices.items()) {
        rows.add(new FleetDayRow(device.name(), device(device.imei(), day)));
      }
      continuation = devices.next();
    } while (continuation != null);
    return new FleetDayReport(date, rows);
  }
}
