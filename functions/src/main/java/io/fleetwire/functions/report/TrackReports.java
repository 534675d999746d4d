package io.fleetwire.functions.report;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Instant;

/**
 * A device's report over its stored records: pages through the store and feeds each page to a
 * {@link TrackAccumulator}, so memory stays one page however long the range. A device with more
 * than {@code maxRecords} records in the range is refused rather than read without end.
 */
public final class TrackReports {
  public static final int PAGE_SIZE = 1000;
  public static final long MAX_RECORDS = 500_000;

  private final TelemetryStore store;
  private final IoDictionary dictionary;
  private final long maxRecords;

  public TrackReports(TelemetryStore store, IoDictionary dictionary) {
    this(store, dictionary, MAX_RECORDS);
  }

  public TrackReports(TelemetryStore store, IoDictionary dictionary, long maxRecords) {
    this.store = store;
    this.dictionary = dictionary;
    this.maxRecords = maxRecords;
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
    return track.report(imei, from, to);
  }
}
