package io.fleetwire.front.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The TLS device listener: same protocol and pipeline as the login port, behind TLS 1.2/1.3
 * (Teltonika firmware 03.27 and later speaks TLS 1.2). {@code port} 0 binds an ephemeral port.
 *
 * @param certificate    PEM certificate chain, server certificate first
 * @param privateKey     PEM private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param reloadInterval how often the two files are checked for a new pair
 */
public record TlsListener(int port, Path certificate, Path privateKey, Duration reloadInterval) {
  public static final Path DEFAULT_CERTIFICATE = Path.of("/etc/fleetwire/tls/tls.crt");
  public static final Path DEFAULT_PRIVATE_KEY = Path.of("/etc/fleetwire/tls/tls.key");
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

  public TlsListener {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("TLS port must be 0..65535, was " + port);
    }
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    if (reloadInterval == null || reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new IllegalArgumentException("TLS reload interval must be positive, was " + reloadInterval);
    }
  }

  public TlsListener(int port, Path certificate, Path privateKey) {
    this(port, certificate, privateKey, DEFAULT_RELOAD_INTERVAL);
  }
}
