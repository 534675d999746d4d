package io.fleetwire.functions.report;

import io.fleetwire.contract.report.FleetDayRow;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes rows of the daily fleet report, device by device in IMEI order, a few devices at a time
 * in parallel: each device is one query chain of its own partition, so a handful in flight hides
 * the store's latency without letting one report take every connection. Used by the scheduled
 * computation and by the API for a day that is not stored.
 *
 * <p>A device with more records in the day than {@link TrackReports} reads is left out of the
 * rows and logged with its IMEI, so one flooding device cannot stop the fleet's report.
 */
public final class FleetDayRows {
  public static final int DEFAULT_PARALLELISM = 4;
  private static final Logger LOG = LoggerFactory.getLogger(FleetDayRows.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final TrackReports reports;
  private final int parallelism;

  public FleetDayRows(TrackReports reports, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.reports = reports;
    this.parallelism = parallelism;
  }

  /**
   * What one call computed: the rows, in IMEI order, of the first {@code devicesDone} devices it
   * was given; {@code lastImei} is the last of those ({@code null} when none).
   */
  record Batch(List<FleetDayRow> rows, int devicesDone, String lastImei) {
    Batch {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Where a walk through the fleet in IMEI order stands: at the store's page of devices
   * {@code cursor} ({@code null}: the first page), past the device {@code after} ({@code null}:
   * none yet). A page is read again when a step stopped inside it; its devices up to {@code after}
   * are then passed over.
   */
  public record Position(String cursor, String after) {
    public static final Position START = new Position(null, null);
  }

  /**
   * What one step computed, in IMEI order, and where the walk stands after it; {@code end} when
   * every device of the fleet has been computed.
   */
  public record Step(List<FleetDayRow> rows, Position next, boolean end) {
    public Step {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Reads the page of at most {@code limit} devices at {@code from} and computes the rows of its
   * devices after {@code from.after()} until {@code deadline} (see {@link #compute}). Every step
   * makes progress: it computes at least one device, or moves to the next page.
   *
   * @throws IllegalArgumentException if the store cannot read {@code from.cursor()}
   */
  public Step step(LocalDate date, Position from, int limit, Clock clock, Instant deadline) {
    Page<DeviceState> page = reports.store().devices(limit, from.cursor());
    List<DeviceState> devices = page.items().stream()
        .filter(device -> from.after() == null || device.imei().compareTo(from.after()) > 0)
        .toList();
    Batch batch = compute(date, devices, clock, deadline);
    String after = batch.lastImei() == null ? from.after() : batch.lastImei();
    if (batch.devicesDone() < devices.size()) {
      return new Step(batch.rows(), new Position(from.cursor(), after), false);
    }
    return new Step(batch.rows(), new Position(page.next(), after), page.next() == null);
  }

  /**
   * The rows of {@code devices} for {@code date}. Between groups of devices computed together it
   * looks at the clock: once {@code deadline} has passed it stops and says how far it came. The
   * first group is always computed, so every call makes progress.
   */
  Batch compute(LocalDate date, List<DeviceState> devices, Clock clock, Instant deadline) {
    Instant from = FleetDayReport.start(date);
    Instant to = FleetDayReport.end(date);
    List<FleetDayRow> rows = new ArrayList<>();
    int done = 0;
    ExecutorService pool = parallelism == 1 || devices.size() < 2 ? null
        : Executors.newFixedThreadPool(Math.min(parallelism, devices.size()), FleetDayRows::thread);
    try {
      while (done < devices.size() && (done == 0 || clock.instant().isBefore(deadline))) {
        List<DeviceState> group = devices.subList(done, Math.min(done + parallelism, devices.size()));
        for (FleetDayRow row : group(pool, group, from, to)) {
          if (row != null) {
            rows.add(row);
          }
        }
        done += group.size();
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new Batch(rows, done, done == 0 ? null : devices.get(done - 1).imei());
  }

  /** The rows of one group, in its order; {@code null} for a device left out. */
  private List<FleetDayRow> group(ExecutorService pool, List<DeviceState> group, Instant from, Instant to) {
    if (pool == null) {
      return group.stream().map(device -> row(device, from, to)).toList();
    }
    List<Callable<FleetDayRow>> tasks = group.stream().<Callable<FleetDayRow>>map(d -> () -> row(d, from, to)).toList();
    List<FleetDayRow> rows = new ArrayList<>();
    try {
      for (Future<FleetDayRow> future : pool.invokeAll(tasks)) {
        rows.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("daily report computation was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
    }
    return rows;
  }

  private FleetDayRow row(DeviceState device, Instant from, Instant to) {
    try {
      return new FleetDayRow(device.name(), reports.report(device.imei(), from, to));
    } catch (TooManyRecordsException e) {
      LOG.warn("daily report from {} leaves a device out: {}", from, e.getMessage());
      return null;
    }
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "fleet-day-report-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
