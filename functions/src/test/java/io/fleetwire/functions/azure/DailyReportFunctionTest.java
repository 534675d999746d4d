package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.report.FleetDayProgress;
import io.fleetwire.contract.store.StoreUnavailableException;
import io.fleetwire.functions.report.DailyReportJob;
import io.fleetwire.functions.report.FleetDayRows;
import io.fleetwire.functions.report.TrackReports;
import io.fleetwire.testsupport.report.InMemoryFleetDayStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DailyReportFunctionTest {
  private static final Instant AFTER_MIDNIGHT = Instant.parse("2026-05-02T00:15:00Z");
  private static final String TIMER_INFO = "{\"Schedule\":{},\"ScheduleStatus\":{\"Last\":\"2026-05-02T00:10:00+00:00\","
      + "\"Next\":\"2026-05-02T00:20:00+00:00\"},\"IsPastDue\":false}";

  private static ExecutionContext context() {
    ExecutionContext context = mock(ExecutionContext.class);
    when(context.getLogger()).thenReturn(Logger.getLogger("daily-report-test"));
    return context;
  }

  @Test
  void eachInvocationRunsTheJobThatStoresYesterday() {
    InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
    telemetry.register("356307042441013", "van");
    InMemoryFleetDayStore days = new InMemoryFleetDayStore();
    DailyReportJob job = new DailyReportJob(new FleetDayRows(new TrackReports(telemetry, IoDictionary.fmb()), 2), days,
        Clock.fixed(AFTER_MIDNIGHT, ZoneOffset.UTC), Duration.ofMinutes(1));

    new DailyReportFunction(() -> job).compute(TIMER_INFO, context());

    FleetDayProgress yesterday = days.progress(LocalDate.parse("2026-05-01")).orElseThrow();
    assertTrue(yesterday.complete());
    assertEquals(1, yesterday.rows());
  }

  @Test
  void aStoreOutageFailsTheInvocation() {
    DailyReportFunction function = new DailyReportFunction(() -> {
      throw new StoreUnavailableException("Cosmos DB did not answer", null);
    });

    assertThrows(StoreUnavailableException.class, () -> function.compute(TIMER_INFO, context()));
  }
}
