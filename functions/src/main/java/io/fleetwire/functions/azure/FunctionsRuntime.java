package io.fleetwire.functions.azure;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.report.DailyReportJob;
import io.fleetwire.functions.report.FleetDayRows;
import io.fleetwire.functions.report.TrackReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one Functions worker shares between invocations: the {@link TelemetryStore} (built once,
 * from the app settings, on first use), the store of computed daily reports, the {@link FleetApi}
 * over both and the scheduled {@link DailyReportJob}. The Functions host creates adapter instances
 * itself, so they reach this through a static accessor; tests construct the adapters with their
 * own services instead. A failed build is not kept: the next invocation tries again, so a worker
 * recovers once the settings or the service are fixed.
 */
public final class FunctionsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionsRuntime.class);
  private static final Object LOCK = new Object();
  private static volatile FunctionsRuntime instance;

  private final TelemetryStore store;
  private final FleetApi api;
  private final DailyReportJob dailyReports;

  FunctionsRuntime(Supplier<TelemetryStore> stores, Supplier<CommandStore> commands, CommandDispatcher dispatcher,
      Supplier<FleetDayStore> fleetDays, Clock clock) {
    this.store = stores.get();
    FleetDayStore days = fleetDays.get();
    this.api = new FleetApi(store, commands.get(), dispatcher, days, () -> true, clock, FleetApi.DEFAULT_ONLINE_WINDOW);
    FleetDayRows rows = new FleetDayRows(new TrackReports(store, IoDictionary.fmb()), FleetDayRows.DEFAULT_PARALLELISM);
    this.dailyReports = new DailyReportJob(rows, days, clock, DailyReportJob.DEFAULT_BUDGET);
  }

  /** This worker's API, building the store from the environment on first use. */
  public static FleetApi api() {
    return get().api;
  }

  /** This worker's store, building it from the environment on first use. */
  public static TelemetryStore store() {
    return get().store;
  }

  /** This worker's scheduled computation of the daily fleet report. */
  public static DailyReportJob dailyReports() {
    return get().dailyReports;
  }

  private static FunctionsRuntime get() {
    FunctionsRuntime current = instance;
    if (current == null) {
      synchronized (LOCK) {
        current = instance;
        if (current == null) {
          Map<String, String> env = System.getenv();
          current = new FunctionsRuntime(StoreSelection.fromEnvironment(env), StoreSelection.commandsFromEnvironment(env),
              StoreSelection.dispatcherFromEnvironment(env), StoreSelection.fleetDaysFromEnvironment(env),
              Clock.systemUTC());
          instance = current;
          LOG.info("Fleetwire functions runtime ready with {}", current.store.getClass().getSimpleName());
        }
      }
    }
    return current;
  }
}
