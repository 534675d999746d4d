package io.fleetwire.front.server;

import io.fleetwire.contract.registry.Imei;

/**
 * An extra listener bound to one device that never logs in (DESIGN rule 3): every connection on
 * {@code port} is that IMEI's session. {@code port} 0 binds an ephemeral port.
 */
public record FixedImeiListener(int port, String imei) {

  public FixedImeiListener {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("fixed-IMEI port must be 0..65535, was " + port);
    }
    if (!Imei.isWellFormed(imei)) {
      throw new IllegalArgumentException("fixed IMEI must be 15 digits, was '" + imei + "'");
    }
  }

  /** Parses {@code PORT=IMEI}, as {@code --fixed-imei} takes it. */
  public static FixedImeiListener parse(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new IllegalArgumentException("expected PORT=IMEI, got '" + text + "'");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(0, eq).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected PORT=IMEI with a numeric port, got '" + text + "'", e);
    }
    return new FixedImeiListener(port, text.substring(eq + 1).strip());
  }

  @Override
  public String toString() {
    return port + "=" + imei;
  }
}
