package io.fleetwire.functions.api;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.report.DeviceReport;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.report.TooManyRecordsException;
import io.fleetwire.functions.report.TrackReports;

/**
 * A device's report over its stored records ({@link TrackReports}), with a device that has more
 * records in the range than the report reads answered 400 and asked for a shorter range.
 */
final class StoredReports {
  static final int PAGE_SIZE = TrackReports.PAGE_SIZE;

  private final TrackReports reports;

  StoredReports(TelemetryStore store, IoDictionary dictionary) {
    this(new TrackReports(store, dictionary));
  }

  StoredReports(TelemetryStore store, IoDictionary dictionary, long maxRecords) {
    this(new TrackReports(store, dictionary, maxRecords));
  }

  StoredReports(TrackReports reports) {
    this.reports = reports;
  }

  DeviceReport device(String imei, TimeRange range) {
    try {
      return reports.report(imei, range.from(), range.to());
    } catch (TooManyRecordsException e) {
      throw ApiException.badRequest("too_many_records", e.getMessage() + "; ask for a shorter range");
    }
  }
}
