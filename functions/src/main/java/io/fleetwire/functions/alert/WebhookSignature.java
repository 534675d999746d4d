package io.fleetwire.functions.alert;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code X-Fleetwire-Signature: sha256=<hex HMAC-SHA256 of the body with the webhook secret>}
 * (DESIGN "Alerts"). A receiver recomputes it over the raw body it got and compares in constant
 * time, as {@link #verifies} does.
 */
public final class WebhookSignature {
  public static final String HEADER = "X-Fleetwire-Signature";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {
  }

  public static String of(byte[] secret, byte[] body) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("the webhook secret is empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  public static String of(String secret, byte[] body) {
    return of(secret.getBytes(StandardCharsets.UTF_8), body);
  }

  /** True when {@code header} is the signature of {@code body} under {@code secret}. */
  public static boolean verifies(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    return MessageDigest.isEqual(of(secret, body).getBytes(StandardCharsets.US_ASCII),
        header.getBytes(StandardCharsets.US_ASCII));
  }
}
