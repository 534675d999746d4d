package io.fleetwire.functions.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.contract.store.TelemetryStore;

import java.util.List;
import java.util.Set;

/** One device's recorded track: positions and messages page by page, alarm events, and its report. */
final class TrackRoutes {

  @JsonPropertyOrder({"imei", "items", "next"})
  record PositionsPage(String imei, List<Record> items, String next) {
  }

  @JsonPropertyOrder({"imei", "items", "next"})
  record MessagesPage(String imei, List<DeviceMessage> items, String next) {
  }

  /** One page of a store query, given the limit and the store's continuation. */
  @FunctionalInterface
  private interface PageQuery<T> {
    Page<T> read(TimeRange range, int limit, String continuation);
  }

  @JsonPropertyOrder({"imei", "items"})
  record EventList(String imei, List<Record> items) {
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
    Page<Record> page = page(imei, request,
        (range, limit, continuation) -> store.positions(imei, range.from(), range.to(), limit, continuation));
    return ApiResponse.json(200, new PositionsPage(imei, page.items(), ContinuationToken.wrap(imei, page.next())));
  }

  /** {@code GET /api/devices/{imei}/messages?from&to&limit&next}: what the device sent on its own, oldest first. */
  ApiResponse messages(String imei, ApiRequest request) {
    Page<DeviceMessage> page = page(imei, request,
        (range, limit, continuation) -> store.messages(imei, range.from(), range.to(), limit, continuation));
    return ApiResponse.json(200, new MessagesPage(imei, page.items(), ContinuationToken.wrap(imei, page.next())));
  }

  private <T> Page<T> page(String imei, ApiRequest request, PageQuery<T> query) {
    TimeRange range = params.range(request);
    int limit = RequestParams.limit(request);
    String token = request.param("next").orElse(null);
    String continuation = token == null ? null : ContinuationToken.unwrap(imei, token);
    try {
      return query.read(range, limit, continuation);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (continuation == null) {
        throw e;
      }
      // the token was well-formed for this device but its inside is not a continuation the store reads
      throw ContinuationToken.invalid(token);
    }
  }

  /** {@code GET /api/devices/{imei}/events?from&to}: records whose event IO id is an alarm. */
  ApiResponse events(String imei, ApiRequest request) {
    TimeRange range = params.range(request);
    return ApiResponse.json(200, new EventList(imei, store.events(imei, range.from(), range.to(), alarmIds)));
  }

  /** {@code GET /api/devices/{imei}/report?from&to}. */
  ApiResponse report(String imei, ApiRequest request) {
    return ApiResponse.json(200, reports.device(imei, params.range(request)));
  }

}
