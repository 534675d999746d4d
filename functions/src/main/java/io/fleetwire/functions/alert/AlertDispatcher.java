package io.fleetwire.functions.alert;

import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Works the webhook outbox: every due delivery is POSTed once per call; a 2xx ends it, a failure
 * is scheduled again by the {@link RetrySchedule} or, past it, kept as abandoned. Run it on a
 * timer (locally a scheduled task, on Azure a timer-triggered function); the outbox lives in the
 * store, so a restart loses nothing and resumes where it stopped.
 */
public final class AlertDispatcher {
  /** Deliveries attempted per call at most: bounds one call when a receiver is slow. */
  public static final int BATCH = 100;
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /** What one call did. */
  public record Round(int delivered, int failed, int abandoned) {
  }

  private final AlertStore store;
  private final WebhookDelivery webhook;
  private final RetrySchedule schedule;
  private final Clock clock;

  public AlertDispatcher(AlertStore store, WebhookDelivery webhook, RetrySchedule schedule, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.webhook = Objects.requireNonNull(webhook, "webhook");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Round deliverDue() {
    int delivered = 0;
    int failed = 0;
    int abandoned = 0;
    for (AlertDelivery due : store.dueDeliveries(clock.instant(), BATCH)) {
      WebhookDelivery.Outcome outcome = webhook.deliver(due.alert());
      if (outcome.delivered()) {
        store.attempted(due.id(), true, null, null);
        delivered++;
        continue;
      }
      Instant now = clock.instant();
      Instant next = schedule.next(due.changedAt(), due.attempts() + 1, now);
      store.attempted(due.id(), false, next, outcome.detail());
      if (next == null) {
        abandoned++;
        LOG.error("alert delivery {} abandoned after {} attempts since {}: {}", due.id(), due.attempts() + 1,
            due.changedAt(), outcome.detail());
      } else {
        failed++;
        LOG.warn("alert delivery {} failed ({}), attempt {}; next at {}", due.id(), outcome.detail(),
            due.attempts() + 1, next);
      }
    }
    return new Round(delivered, failed, abandoned);
  }
}
