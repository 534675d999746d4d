package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.util.List;
import java.util.Set;

/** One device's recorded track: positions and messages page by page, alarm events, and its report. */
final class TrackRoutes {
  @JsonPropertyOrder({"imei", "items", "next"})
  record RecordPage(String imei, List<Record> items, String next) {
  }

  @JsonPropertyOrder({"imei", "items", "next"})
  record MessagePage(String imei, List<DeviceMessage> items, String next) {
  }

  private final TelemetryStore store;
  private final RequestParams params;
  private final StoredReports reports;
  private final Set<Integer> alarmIds;

  TrackRoutes(TelemetryStore store, RequestParams params, StoredReports reports, IoDictionary dictionary) {
    this.store = store;
    this.params = params;
    this.reports = reports;
    this.alarmIds = dictionary.alarmIds();
  }

  /** {@code GET /api/devices/{imei}/positions?from&to&limit&next}, oldest first. */
  ApiResponse positions(String imei, ApiRequest request) {
    TimeRange range = params.range(request);
    int limit = RequestParams.limit(request);
    Page<Record> page = ContinuationToken.page(imei, request.param("next").orElse(null),
        continuation -> store.positions(imei, range.from(), range.to(), limit, continuation));
    return ApiResponse.json(200, new RecordPage(imei, page.items(), page.next()));
  }

  /** {@code GET /api/devices/{imei}/messages?from&to&limit&next}: what the device sent on its own, oldest first. */
  ApiResponse messages(String imei, ApiRequest request) {
    TimeRange range = params.range(request);
    int limit = RequestParams.limit(request);
    Page<DeviceMessage> page = ContinuationToken.page("messages/" + imei, request.param("next").orElse(null),
        continuation -> store.messages(imei, range.from(), range.to(), limit, continuation));
    return ApiResponse.json(200, new MessagePage(imei, page.items(), page.next()));
  }

  /** {@code GET /api/devices/{imei}/events?from&to&limit&next}: records whose event IO id is an alarm, oldest first. */
  ApiResponse events(String imei, ApiRequest request) {
    TimeRange range = params.range(request);
    int limit = RequestParams.limit(request);
    Page<Record> page = ContinuationToken.page("events/" + imei, request.param("next").orElse(null),
        continuation -> store.events(imei, range.from(), range.to(), alarmIds, limit, continuation));
    return ApiResponse.json(200, new RecordPage(imei, page.items(), page.next()));
  }

  /** {@code GET /api/devices/{imei}/report?from&to}. */
  ApiResponse report(String imei, ApiRequest request) {
    return ApiResponse.json(200, reports.device(imei, params.range(request)));
  }

}
