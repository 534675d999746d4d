package io.fleetwire.functions.azure;

import io.fleetwire.contract.IoDictionary;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.command.CommandDispatcher;
import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.alert.AlertDispatcher;
import io.fleetwire.functions.alert.AlertEvaluator;
import io.fleetwire.functions.alert.AlertTimerRound;
import io.fleetwire.functions.alert.RetrySchedule;
import io.fleetwire.functions.api.FleetApi;
import io.fleetwire.functions.ingest.IngestService;
import io.fleetwire.functions.report.DailyReportJob;
import io.fleetwire.functions.report.FleetDayRows;
import io.fleetwire.functions.report.TrackReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one Functions worker shares between invocations: the stores (built once, from the app
 * settings, on first use), one {@link AlertEvaluator} (it caches the rules), and over them the
 * {@link FleetApi}, the ingest service, the alert timer and the scheduled {@link DailyReportJob}.
 * The Functions host creates adapter instances itself, so they reach this through static
 * accessors; tests construct the adapters with their own services instead. A failed build is not
 * kept: the next invocation tries again, so a worker recovers once the settings or the service
 * are fixed.
 */
public final class FunctionsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(FunctionsRuntime.class);
  private static final Object LOCK = new Object();
  private static volatile FunctionsRuntime instance;

  private final TelemetryStore store;
  private final AlertStore alerts;
  private final AlertEvaluator evaluator;
  private final FleetApi api;
  private final IngestService ingest;
  private final DailyReportJob dailyReports;
  private final Clock clock;
  private volatile AlertTimerRound alertTimer;

  FunctionsRuntime(Supplier<TelemetryStore> stores, Supplier<CommandStore> commands, CommandDispatcher dispatcher,
      Supplier<FleetDayStore> fleetDays, Supplier<AlertStore> alertStores, Clock clock) {
    this.store = stores.get();
    FleetDayStore days = fleetDays.get();
    this.alerts = alertStores.get();
    this.clock = clock;
    this.evaluator = new AlertEvaluator(alerts, clock);
    this.api = new FleetApi(store, commands.get(), dispatcher, days, alerts, evaluator, () -> true, clock,
        FleetApi.DEFAULT_ONLINE_WINDOW);
    this.ingest = new IngestService(store, IoDictionary.fmb(), clock, evaluator);
    FleetDayRows rows = new FleetDayRows(new TrackReports(store, IoDictionary.fmb(), alerts),
        FleetDayRows.DEFAULT_PARALLELISM);
    this.dailyReports = new DailyReportJob(rows, days, clock, DailyReportJob.DEFAULT_BUDGET);
  }

  /** This worker's API, building the stores from the environment on first use. */
  public static FleetApi api() {
    return get().api;
  }

  /** This worker's ingest, which evaluates the alert rules on every record it stores. */
  public static IngestService ingest() {
    return get().ingest;
  }

  /**
   * This worker's alert timer run. The webhook settings are read here, not with the stores, so a
   * wrong webhook setting fails only the timer (saying why) while ingest and the API keep working.
   */
  public static AlertTimerRound alertTimer() {
    FunctionsRuntime runtime = get();
    AlertTimerRound current = runtime.alertTimer;
    if (current == null) {
      synchronized (LOCK) {
        current = runtime.alertTimer;
        if (current == null) {
          current = runtime.alertTimer(WebhookSettings.fromEnvironment(System.getenv()));
          runtime.alertTimer = current;
        }
      }
    }
    return current;
  }

  IngestService ingestService() {
    return ingest;
  }

  AlertTimerRound alertTimer(Optional<WebhookSettings> webhook) {
    webhook.ifPresentOrElse(w -> LOG.info("alerts are delivered to {}", w.url()),
        () -> LOG.warn("no webhook configured: alerts are stored and listed, their deliveries wait in the outbox"));
    return new AlertTimerRound(evaluator, store,
        webhook.map(w -> new AlertDispatcher(alerts, w.delivery(), RetrySchedule.DEFAULT, clock)));
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
              StoreSelection.alertsFromEnvironment(env), Clock.systemUTC());
          instance = current;
          LOG.info("Fleetwire functions runtime ready with {}", current.store.getClass().getSimpleName());
        }
      }
    }
    return current;
  }
}
