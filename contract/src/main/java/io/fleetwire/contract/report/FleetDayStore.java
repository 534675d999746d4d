package io.fleetwire.contract.report;

import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreUnavailableException;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The storage port of computed daily fleet reports: one row per device and UTC day, and the day's
 * {@link FleetDayProgress}. Every implementation passes {@code FleetDayStoreContract} in the test
 * support module. Saving is idempotent: a row is keyed by its day and IMEI, so computing a day
 * again overwrites the same rows. A failure that may pass is a {@link StoreUnavailableException}.
 */
public interface FleetDayStore {

  /** The day's progress; empty while no run has stored anything for it. */
  Optional<FleetDayProgress> progress(LocalDate date);

  /**
   * Stores the rows of {@code progress.date()} (each row's report starts on that day), replacing
   * rows of the same IMEI, then the progress. The rows are durable before the progress is written,
   * so a progress never claims a row that a failure lost.
   *
   * @throws IllegalArgumentException if a row's report is not for that day
   */
  void save(List<FleetDayRow> rows, FleetDayProgress progress);

  /**
   * Stored rows of a day ordered by IMEI, at most {@code limit} at a time. {@code continuation}
   * is {@code null} for the first page, then the previous page's {@link Page#next()}; that is
   * {@code null} once no rows are left.
   *
   * @throws IllegalArgumentException if {@code limit < 1} or the continuation token is malformed
   */
  Page<FleetDayRow> rows(LocalDate date, int limit, String continuation);
}
