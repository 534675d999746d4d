package io.fleetwire.local;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.store.TelemetryStore;
import io.fleetwire.functions.alert.AlertDispatcher;
import io.fleetwire.functions.alert.AlertEvaluator;
import io.fleetwire.functions.alert.WebhookDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's alert timers on one thread: the webhook outbox worked every
 * {@link AlertSettings#deliveryInterval()} and the offline rules checked every
 * {@link AlertSettings#silenceInterval()}. A failing round is logged and the next one tries again.
 */
final class LocalAlerts implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalAlerts.class);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "alert-timers");
    thread.setDaemon(true);
    return thread;
  });

  LocalAlerts(AlertSettings settings, AlertStore alerts, AlertEvaluator evaluator, TelemetryStore telemetry, Clock clock) {
    if (settings.webhookUrl() != null) {
      AlertDispatcher dispatcher = new AlertDispatcher(alerts,
          new WebhookDelivery(settings.webhookUrl(), settings.webhookSecret()), settings.retries(), clock);
      long every = settings.deliveryInterval().toMillis();
      timer.scheduleWithFixedDelay(() -> guarded("webhook deliveries", dispatcher::deliverDue), every, every,
          TimeUnit.MILLISECONDS);
      LOG.info("alerts are delivered to {}", settings.webhookUrl());
    }
    long silence = settings.silenceInterval().toMillis();
    timer.scheduleWithFixedDelay(() -> guarded("offline rules", () -> evaluator.checkSilence(telemetry)), silence,
        silence, TimeUnit.MILLISECONDS);
  }

  private static void guarded(String what, Runnable round) {
    try {
      round.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed this round: {}", what, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
