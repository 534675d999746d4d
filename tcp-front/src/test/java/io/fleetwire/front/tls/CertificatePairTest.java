package io.fleetwire.front.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

class CertificatePairTest {

  private static X509Bundle certificate(String commonName, boolean rsa) throws Exception {
    CertificateBuilder builder = new CertificateBuilder().subject("CN=" + commonName).setIsCertificateAuthority(true);
    return (rsa ? builder.rsa2048() : builder.ecp256()).buildSelfSigned();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsAnRsaOrEcPairThatBelongsTogether() throws Exception {
    for (boolean rsa : new boolean[] {true, false}) {
      X509Bundle bundle = certificate("front", rsa);

      CertificatePair pair = CertificatePair.parse(bytes(bundle.getCertificatePEM()), bytes(bundle.getPrivateKeyPEM()));

      assertEquals(bundle.getCertificate(), pair.chain().get(0));
    }
  }

  @Test
  void rejectsAKeyOfAnotherCertificate() throws Exception {
    X509Bundle one = certificate("one", false);
    X509Bundle other = certificate("other", false);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CertificatePair.parse(bytes(one.getCertificatePEM()), bytes(other.getPrivateKeyPEM())));

    assertTrue(error.getMessage().contains("does not belong"), error.getMessage());
  }

  @Test
  void namesTheConversionForAPkcs1Key() throws Exception {
    X509Bundle bundle = certificate("front", false);
    String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CertificatePair.parse(bytes(bundle.getCertificatePEM()), bytes(pkcs1)));

    assertTrue(error.getMessage().contains("openssl pkcs8 -topk8"), error.getMessage());
  }

  @Test
  void rejectsAFileWithoutCertificates() throws Exception {
    X509Bundle bundle = certificate("front", false);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CertificatePair.parse(bytes("hello"), bytes(bundle.getPrivateKeyPEM())));

    assertTrue(error.getMessage().contains("certificate file"), error.getMessage());
  }
}
