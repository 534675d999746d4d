package io.fleetwire.functions.alert;

import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.store.TelemetryStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of the alert timer where no process stays up between runs (the timer-triggered function
 * on Azure): the offline rules are checked first, so an alert they open is delivered in the same
 * run, then the webhook outbox is worked if a webhook is configured. A failure of one half does
 * not skip the other; it is thrown afterwards, so the run is recorded as failed and the next run
 * picks up whatever is left (both halves resume from the store).
 */
public final class AlertTimerRound {

  /** What one run did; {@code deliveries} is empty when no webhook is configured. */
  public record Result(int silenceChanges, Optional<AlertDispatcher.Round> deliveries) {
  }

  private final AlertEvaluator evaluator;
  private final TelemetryStore telemetry;
  private final Optional<AlertDispatcher> dispatcher;

  /** @param dispatcher works the outbox; empty leaves deliveries waiting there until a webhook is configured */
  public AlertTimerRound(AlertEvaluator evaluator, TelemetryStore telemetry, Optional<AlertDispatcher> dispatcher) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
  }

  public Result run() {
    RuntimeException failure = null;
    List<Alert> silence = List.of();
    try {
      silence = evaluator.checkSilence(telemetry);
    } catch (RuntimeException e) {
      failure = e;
    }
    Optional<AlertDispatcher.Round> round = Optional.empty();
    try {
      round = dispatcher.map(AlertDispatcher::deliverDue);
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Result(silence.size(), round);
  }
}
