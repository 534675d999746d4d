package io.fleetwire.front.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEM certificate chain and its private key, checked to belong together before the front
 * serves them: a half-rotated pair (new certificate, old key) must not replace a working one.
 */
record CertificatePair(List<X509Certificate> chain, PrivateKey key) {
  private static final Pattern PKCS8 = Pattern.compile(
      "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
  private static final byte[] PROBE = "fleetwire key check".getBytes(StandardCharsets.US_ASCII);

  CertificatePair {
    chain = List.copyOf(chain);
  }

  /** The certificate is expired or not yet valid: serving it would fail every device's handshake. */
  static final class OutsideValidity extends IllegalArgumentException {
    OutsideValidity(String message) {
      super(message);
    }
  }

  /** As {@link #parse(byte[], byte[], Instant)} at the current time. */
  static CertificatePair parse(byte[] certificatePem, byte[] keyPem) {
    return parse(certificatePem, keyPem, Instant.now());
  }

  /**
   * @throws OutsideValidity when the certificate is not valid at {@code now}
   * @throws IllegalArgumentException saying what else is wrong with which file
   */
  static CertificatePair parse(byte[] certificatePem, byte[] keyPem, Instant now) {
    List<X509Certificate> chain = certificates(certificatePem);
    X509Certificate leaf = chain.get(0);
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      throw new OutsideValidity("the certificate " + leaf.getSubjectX500Principal() + " expired at "
          + leaf.getNotAfter().toInstant());
    }
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      throw new OutsideValidity("the certificate " + leaf.getSubjectX500Principal() + " is not valid before "
          + leaf.getNotBefore().toInstant());
    }
    PrivateKey key = privateKey(keyPem);
    if (!matches(chain.get(0), key)) {
      throw new IllegalArgumentException("the private key does not belong to the certificate "
          + chain.get(0).getSubjectX500Principal());
    }
    return new CertificatePair(chain, key);
  }

  private static List<X509Certificate> certificates(byte[] pem) {
    try {
      List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem)).stream()
          .map(X509Certificate.class::cast).toList();
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the certificate file holds no PEM certificate");
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the certificate file is not a PEM certificate chain: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    Matcher m = PKCS8.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("the key file holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY)"
          + (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
              ? "; convert it with: openssl pkcs8 -topk8 -nocrypt -in old.key -out tls.key" : ""));
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException notThisAlgorithm) {
        // PKCS#8 names the algorithm inside; the JDK wants it named up front, so try each.
      }
    }
    throw new IllegalArgumentException("the key file's PKCS#8 key is none of " + KEY_ALGORITHMS);
  }

  private static boolean matches(X509Certificate certificate, PrivateKey key) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
