package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.fleetwire.functions.report.DailyReportJob;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Computes the daily fleet report into stored per-day documents, on the schedule in the app
 * setting {@value #SCHEDULE_ENV} (six-field NCRONTAB, UTC). The Functions host runs one
 * invocation of a timer function at a time across all instances and does not retry a failed one;
 * {@link DailyReportJob} resumes where the last saved page left off, so the schedule repeats
 * through the day and each run does what is left within its budget.
 */
public final class DailyReportFunction {
  public static final String SCHEDULE_ENV = "FLEETWIRE_DAILY_REPORT_SCHEDULE";
  private final Supplier<DailyReportJob> job;

  public DailyReportFunction() {
    this(FunctionsRuntime::dailyReports);
  }

  public DailyReportFunction(Supplier<DailyReportJob> job) {
    this.job = Objects.requireNonNull(job, "job");
  }

  @FunctionName("dailyReportJob")
  public void compute(
      @TimerTrigger(name = "timer", schedule = "%" + SCHEDULE_ENV + "%") String timerInfo,
      ExecutionContext context) {
    DailyReportJob.Run run = job.get().run();
    context.getLogger().info(() -> String.format("daily report: %d rows stored, days completed %s, unfinished %s",
        run.rowsStored(), run.completed(), run.unfinished()));
  }
}
