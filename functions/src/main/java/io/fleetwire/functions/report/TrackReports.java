package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Instant;

/**
 * A device's report over its stored records: pages through the store and feeds each page to a
 * {@link TrackAccumulator}, so memory stays one page however long the range. A device with more
 * than {@code maxRecords} records in the range is refused rather than read without end. With an
 * alert store, the report also counts the device's alerts of the range by kind (one query).
 */
public final class TrackReports {
  public static final int PAGE_SIZE = 1000;
  public static final long MAX_RECORDS = 500_000;

  private final TelemetryStore store;
  private final IoDictionary dictionary;
  private final long maxRecords;
  private final AlertStore alerts;

  public TrackReports(TelemetryStore store, IoDictionary dictionary) {
    this(store, dictionary, MAX_RECORDS, null);
  }

  /** @param alerts where the device's alerts are counted; {@code null} leaves the reports without counts */
  public TrackReports(TelemetryStore store, IoDictionary dictionary, AlertStore alerts) {
    this(store, dictionary, MAX_RECORDS, alerts);
  }

  public TrackReports(TelemetryStore store, IoDictionary dictionary, long maxRecords) {
    this(store, dictionary, maxRecords, null);
  }

  private TrackReports(TelemetryStore store, IoDictionary dictionary, long maxRecords, AlertStore alerts) {
    this.store = store;
    this.dictionary = dictionary;
    this.maxRecords = maxRecords;
    this.alerts = alerts;
  }

  TelemetryStore store() {
    return store;
  }

  /** @throws TooManyRecordsException when the device has more than the bound in {@code [from, to)} */
  public DeviceReport report(String imei, Instant from, Instant to) {
    TrackAccumulator track = new TrackAccumulator(dictionary);
    String continuation = null;
    long read = 0;
    do {
      Page<Record> page = store.positions(imei, from, to, PAGE_SIZE, continuation);
      read += page.items().size();
      if (read > maxRecords) {
        throw new TooManyRecordsException("device " + imei + " has more than " + maxRecords + " records from "
            + from + " to " + to);
      }
      page.items().forEach(track::add);
      continuation = page.next();
    } while (continuation != null);
    DeviceReport report = track.report(imei, from, to);
    return alerts == null ? report : report.withAlerts(alerts.countAlerts(imei, from, to));
  }
}
