package io.fleetwire.functions.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.fleetwire.functions.alert.AlertTimerRound;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The alert timer on Azure: every {@value #SCHEDULE} (NCRONTAB with seconds: every 30 s) it checks
 * the offline rules and works the webhook outbox kept in Cosmos DB ({@link AlertTimerRound}). The
 * host runs a timer function on one instance at a time, so two runs never deliver the same change
 * at once; a run that throws is logged by the host and the next one resumes from the store.
 */
public final class AlertTimerFunction {
  static final String SCHEDULE = "*/30 * * * * *";

  private final Supplier<AlertTimerRound> round;

  public AlertTimerFunction() {
    this(FunctionsRuntime::alertTimer);
  }

  public AlertTimerFunction(Supplier<AlertTimerRound> round) {
    this.round = Objects.requireNonNull(round, "round");
  }

  @FunctionName("alertTimers")
  public void alertTimers(@TimerTrigger(name = "timer", schedule = SCHEDULE) String timer, ExecutionContext context) {
    AlertTimerRound.Result result = round.get().run();
    context.getLogger().info(() -> String.format("alert timer: %d offline changes; deliveries %s",
        result.silenceChanges(), result.deliveries().map(r -> r.delivered() + " delivered, " + r.failed()
            + " to retry, " + r.abandoned() + " abandoned").orElse("not configured")));
  }
}
