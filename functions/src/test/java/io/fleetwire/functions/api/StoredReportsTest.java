package io.fleetwire.functions.api;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.functions.report.SyntheticTrack;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredReportsTest {
  private static final String IMEI = "356307042441013";
  private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
  private static final TimeRange DAY = new TimeRange(START, START.plusSeconds(86_400));

  private static InMemoryTelemetryStore storeWith(int records) {
    InMemoryTelemetryStore store = new InMemoryTelemetryStore();
    SyntheticTrack track = new SyntheticTrack(IMEI, START);
    for (int i = 0; i < records; i++) {
      track.at(i);
    }
    store.upsert(track.records());
    return store;
  }

  @Test
  void readsEveryPageOfTheRange() {
    StoredReports reports = new StoredReports(storeWith(2 * StoredReports.PAGE_SIZE + 1), IoDictionary.fmb());

    assertEquals(2 * StoredReports.PAGE_SIZE + 1, reports.device(IMEI, DAY).records());
  }

  @Test
  void refusesARangeWithMoreRecordsThanItsBound() {
    StoredReports reports = new StoredReports(storeWith(1_500), IoDictionary.fmb(), 1_200);

    ApiException refused = assertThrows(ApiException.class, () -> reports.device(IMEI, DAY));

    ApiResponse response = refused.response();
    assertEquals(400, response.status());
    assertTrue(response.bodyText().contains("\"error\":\"too_many_records\""), response.bodyText());
    assertTrue(response.bodyText().contains("shorter range"), response.bodyText());
  }
}
