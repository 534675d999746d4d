package io.fleetwire.functions.azure;

import io.fleetwire.functions.alert.WebhookDelivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Functions app delivers alerts: {@value #URL_ENV} and {@value #SECRET_ENV}, the latter a
 * Key Vault reference that App Service resolves before the worker starts. Without a URL alerts
 * are still evaluated and stored, and their deliveries wait in the outbox.
 */
record WebhookSettings(URI url, String secret) {
  static final String URL_ENV = "FLEETWIRE_WEBHOOK_URL";
  static final String SECRET_ENV = "FLEETWIRE_WEBHOOK_SECRET";
  /** What App Service leaves in a setting whose Key Vault reference it could not resolve. */
  private static final String UNRESOLVED_REFERENCE = "@Microsoft.KeyVault(";

  /** The configured webhook, empty without a URL; throws saying what is wrong with the settings. */
  static Optional<WebhookSettings> fromEnvironment(Map<String, String> env) {
    String url = env.get(URL_ENV);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String secret = env.get(SECRET_ENV);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException(URL_ENV + " is set but " + SECRET_ENV + " is empty: every delivery is signed "
          + "with the secret (on Azure: deploy with the webhookSecret parameter)");
    }
    if (secret.startsWith(UNRESOLVED_REFERENCE)) {
      throw new IllegalStateException(SECRET_ENV + " is a Key Vault reference App Service could not resolve: "
          + "check that the vault and secret exist and that the app's identity has Key Vault Secrets User on the vault");
    }
    try {
      return Optional.of(new WebhookSettings(new URI(url.strip()), secret));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(URL_ENV + " is not a URL: " + e.getMessage(), e);
    }
  }

  /** The webhook these settings name; throws if the URL is not http or https. */
  WebhookDelivery delivery() {
    try {
      return new WebhookDelivery(url, secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL_ENV + ": " + e.getMessage(), e);
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", secret=***]";
  }
}
