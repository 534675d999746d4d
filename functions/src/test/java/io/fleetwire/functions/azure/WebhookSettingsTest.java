package io.fleetwire.functions.azure;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook app settings: absent means stored but not delivered; a wrong one says which and why. */
class WebhookSettingsTest {
  private static final String URL = WebhookSettings.URL_ENV;
  private static final String SECRET = WebhookSettings.SECRET_ENV;

  @Test
  void withoutAUrlThereIsNoWebhook() {
    assertEquals(Optional.empty(), WebhookSettings.fromEnvironment(Map.of()));
    assertEquals(Optional.empty(), WebhookSettings.fromEnvironment(Map.of(URL, " ", SECRET, "")));
  }

  @Test
  void readsTheUrlAndTheResolvedSecretWithoutPrintingIt() {
    WebhookSettings settings = WebhookSettings.fromEnvironment(
        Map.of(URL, "https://ops.example.com/fleetwire", SECRET, "s3cret")).orElseThrow();

    assertEquals(URI.create("https://ops.example.com/fleetwire"), settings.url());
    assertEquals("s3cret", settings.secret());
    assertFalse(settings.toString().contains("s3cret"), settings.toString());
  }

  @Test
  void refusesAUrlWithoutASecret() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WebhookSettings.fromEnvironment(Map.of(URL, "https://ops.example.com/fleetwire", SECRET, "")));
    assertTrue(e.getMessage().contains(SECRET + " is empty"), e.getMessage());
  }

  @Test
  void refusesAKeyVaultReferenceAppServiceLeftUnresolved() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> WebhookSettings.fromEnvironment(Map.of(
        URL, "https://ops.example.com/fleetwire",
        SECRET, "@Microsoft.KeyVault(SecretUri=https://kv-fw-x.vault.azure.net/secrets/fleetwire-webhook-secret)")));
    assertTrue(e.getMessage().contains("Key Vault Secrets User"), e.getMessage());
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of(URL, "ftp://ops.example.com/x", SECRET, "s"))
        .orElseThrow();
    IllegalStateException e = assertThrows(IllegalStateException.class, settings::delivery);
    assertTrue(e.getMessage().startsWith(URL), e.getMessage());
  }
}
