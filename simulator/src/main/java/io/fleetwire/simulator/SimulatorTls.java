package io.fleetwire.simulator;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How simulated devices speak TLS to the front's TLS port (TLS 1.2/1.3, as Teltonika firmware
 * 03.27+ does). Trust is one of: the JVM's default trust store, the PEM certificates of
 * {@code trustCertificates} (a self-signed test certificate or a private CA; the front's host name
 * or address is checked against the certificate), or, with {@code insecure}, any certificate at
 * all — for test certificates only, never against a real front.
 */
public record SimulatorTls(Path trustCertificates, boolean insecure) {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  public SimulatorTls {
    if (insecure && trustCertificates != null) {
      throw new IllegalArgumentException("choose a trust file or insecure trust, not both");
    }
  }

  /** Trust the JVM's default certificate authorities. */
  public static SimulatorTls systemTrust() {
    return new SimulatorTls(null, false);
  }

  /** Trust the PEM certificate(s) in {@code file}. */
  public static SimulatorTls trusting(Path file) {
    return new SimulatorTls(file, false);
  }

  /** Trust any certificate, skip the host name check: self-signed test certificates only. */
  public static SimulatorTls insecureTrustAll() {
    return new SimulatorTls(null, true);
  }

  /** @throws IllegalArgumentException when the trust file cannot be read or is not PEM */
  public SslContext clientContext() {
    SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
    if (insecure) {
      builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
    } else if (trustCertificates != null) {
      if (!Files.isReadable(trustCertificates)) {
        throw new IllegalArgumentException("cannot read TLS trust file " + trustCertificates);
      }
      builder.trustManager(trustCertificates.toFile());
    }
    try {
      return builder.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("TLS trust " + (trustCertificates == null ? "" : trustCertificates + " ")
          + "not usable: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return insecure ? "TLS (insecure: any certificate)"
        : trustCertificates != null ? "TLS (trusting " + trustCertificates + ")" : "TLS (default trust)";
  }
}
