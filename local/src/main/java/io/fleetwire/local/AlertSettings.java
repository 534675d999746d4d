package io.fleetwire.local;

import io.fleetwire.functions.alert.RetrySchedule;

import java.net.URI;
import java.time.Duration;

/**
 * Where alerts go and how often the local stack works its alert timers. Without a webhook URL
 * alerts are still evaluated, stored and listed by the API; their deliveries wait in the outbox
 * until a webhook is configured.
 *
 * @param deliveryInterval how often due webhook deliveries are attempted
 * @param silenceInterval how often offline rules are checked
 */
public record AlertSettings(URI webhookUrl, String webhookSecret, RetrySchedule retries, Duration deliveryInterval,
    Duration silenceInterval) {

  public static final AlertSettings NONE = new AlertSettings(null, null, RetrySchedule.DEFAULT, Duration.ofSeconds(1),
      Duration.ofSeconds(30));

  public AlertSettings {
    if (webhookUrl != null && (webhookSecret == null || webhookSecret.isEmpty())) {
      throw new IllegalArgumentException("--webhook-url needs --webhook-secret: every delivery is signed with it");
    }
    if (webhookUrl == null && webhookSecret != null) {
      throw new IllegalArgumentException("--webhook-secret is only read with --webhook-url");
    }
    if (webhookUrl != null && !"http".equals(webhookUrl.getScheme()) && !"https".equals(webhookUrl.getScheme())) {
      throw new IllegalArgumentException("--webhook-url must be an http or https URL, got " + webhookUrl);
    }
    if (deliveryInterval.isNegative() || deliveryInterval.isZero() || silenceInterval.isNegative()
        || silenceInterval.isZero()) {
      throw new IllegalArgumentException("alert timer intervals must be positive");
    }
  }

  public static AlertSettings webhook(URI url, String secret) {
    return new AlertSettings(url, secret, NONE.retries(), NONE.deliveryInterval(), NONE.silenceInterval());
  }
}
