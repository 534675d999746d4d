package io.fleetwire.front.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The TLS listener's server context, rebuilt when the certificate or key file changes (a renewed
 * certificate, a rotated Key Vault secret). A new context serves new connections only: open
 * connections keep the session they negotiated and are never dropped. A new pair that cannot be
 * used (unreadable, not PEM, key not matching the certificate, a half-written rotation) is logged
 * and counted, and the previous context stays until a usable pair appears; so does a certificate
 * outside its validity period, which the front also refuses to start with. Thread-safe.
 */
public final class ReloadingTlsContext {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContext.class);
  /** TLS 1.2 is what Teltonika firmware 03.27+ speaks; older versions are not offered. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final Path certificateFile;
  private final Path keyFile;
  private final Counter loaded;
  private final Counter failed;
  private final Counter outsideValidity;
  private volatile SslContext current;
  private X509Certificate served;
  private byte[] seenCertificate;
  private byte[] seenKey;

  private ReloadingTlsContext(TlsListener listener, MeterRegistry meters) {
    this.certificateFile = listener.certificate();
    this.keyFile = listener.privateKey();
    this.loaded = reloads(meters, "loaded");
    this.failed = reloads(meters, "failed");
    this.outsideValidity = reloads(meters, "outside-validity");
  }

  private static Counter reloads(MeterRegistry meters, String outcome) {
    return Counter.builder("fleetwire.tls.reloads")
        .description("TLS certificate pairs read after a change of the files, by outcome")
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Reads the pair once; the front does not start without a usable one.
   *
   * @throws IllegalArgumentException naming the files and what is wrong with them
   */
  public static ReloadingTlsContext load(TlsListener listener, MeterRegistry meters) {
    ReloadingTlsContext context = new ReloadingTlsContext(listener, meters);
    byte[] certificate = context.read(context.certificateFile);
    byte[] key = context.read(context.keyFile);
    context.seenCertificate = certificate;
    context.seenKey = key;
    context.current = context.build(certificate, key);
    LOG.info("TLS certificate {} loaded from {}", context.describe(), context.certificateFile);
    return context;
  }

  /** The context for the next connection. */
  public SslContext current() {
    return current;
  }

  /**
   * Rebuilds the context if either file's content changed since the last check. Never throws: a
   * failure is logged and the previous context kept.
   *
   * @return true when a new context now serves new connections
   */
  public synchronized boolean reloadIfChanged() {
    byte[] certificate;
    byte[] key;
    try {
      certificate = read(certificateFile);
      key = read(keyFile);
    } catch (IllegalArgumentException e) {
      LOG.warn("TLS files unreadable ({}); keeping the current certificate", e.getMessage());
      return false;
    }
    if (Arrays.equals(certificate, seenCertificate) && Arrays.equals(key, seenKey)) {
      return false;
    }
    seenCertificate = certificate;
    seenKey = key;
    try {
      current = build(certificate, key);
    } catch (CertificatePair.OutsideValidity e) {
      outsideValidity.increment();
      LOG.warn("new TLS certificate in {} refused: {}; keeping the current certificate", certificateFile,
          e.getMessage());
      return false;
    } catch (RuntimeException e) {
      failed.increment();
      LOG.warn("new TLS pair in {} and {} not usable ({}); keeping the current certificate",
          certificateFile, keyFile, e.getMessage());
      return false;
    }
    loaded.increment();
    LOG.info("TLS certificate {} reloaded from {}; new connections use it", describe(), certificateFile);
    return true;
  }

  private SslContext build(byte[] certificatePem, byte[] keyPem) {
    CertificatePair pair;
    try {
      pair = CertificatePair.parse(certificatePem, keyPem);
    } catch (CertificatePair.OutsideValidity e) {
      throw new CertificatePair.OutsideValidity("TLS pair " + certificateFile + " / " + keyFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TLS pair " + certificateFile + " / " + keyFile + ": " + e.getMessage(), e);
    }
    try {
      SslContext context = SslContextBuilder.forServer(pair.key(), pair.chain().toArray(X509Certificate[]::new))
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOLS)
          .build();
      served = pair.chain().get(0);
      return context;
    } catch (IOException e) {
      throw new IllegalArgumentException("TLS pair " + certificateFile + " / " + keyFile + " rejected: "
          + e.getMessage(), e);
    }
  }

  private byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read TLS file " + file + ": " + e, e);
    }
  }

  private String describe() {
    return "'" + served.getSubjectX500Principal() + "' serial " + served.getSerialNumber().toString(16)
        + " valid until " + served.getNotAfter().toInstant();
  }
}
