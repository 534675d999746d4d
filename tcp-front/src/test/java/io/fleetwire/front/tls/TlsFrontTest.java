package io.fleetwire.front.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.simulator.SimulationConfig;
import io.fleetwire.simulator.SimulatorTls;
import io.fleetwire.testsupport.HexFixture;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The TLS listener end to end: simulated devices, plain-TCP intruders, certificate rotation. */
class TlsFrontTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int WAIT_MILLIS = 10_000;
  private static final Duration RELOAD_INTERVAL = Duration.ofMillis(100);
  private static final byte[] LOGIN = HexFixture.load("teltonika/login-356307042441013.hex");
  private static final byte[] AVL = HexFixture.load("teltonika/codec8-2records.hex");
  private static final byte[] ACK_2 = {0, 0, 0, 2};

  @TempDir
  Path dir;

  private final RecordingPublisher publisher = new RecordingPublisher(RecordingPublisher.Mode.SUCCEED);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private Path certificateFile() {
    return dir.resolve("tls.crt");
  }

  private Path keyFile() {
    return dir.resolve("tls.key");
  }

  private static final X509Bundle AUTHORITY = authority();

  private static X509Bundle authority() {
    try {
      return new CertificateBuilder().subject("CN=Fleetwire test CA").setIsCertificateAuthority(true).ecp256()
          .buildSelfSigned();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test certificate authority", e);
    }
  }

  /** A server certificate for 127.0.0.1, issued by the test authority. */
  private static X509Bundle certificate(long serial, String commonName) throws Exception {
    Instant now = Instant.now();
    return certificate(serial, commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
  }

  private static X509Bundle expired(long serial, String commonName) throws Exception {
    Instant now = Instant.now();
    return certificate(serial, commonName, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
  }

  private static X509Bundle certificate(long serial, String commonName, Instant notBefore, Instant notAfter)
      throws Exception {
    return new CertificateBuilder()
        .subject("CN=" + commonName)
        .serial(BigInteger.valueOf(serial))
        .notBefore(notBefore)
        .notAfter(notAfter)
        .addSanIpAddress(LOOPBACK)
        .addExtendedKeyUsageServerAuth()
        .ecp256()
        .buildIssuedBy(AUTHORITY);
  }

  private void install(X509Bundle pair) throws IOException {
    Files.writeString(keyFile(), pair.getPrivateKeyPEM());
    Files.writeString(certificateFile(), pair.getCertificatePEM());
  }

  private FrontServer start() {
    FrontConfig config = FrontConfig.defaults().withHost(LOOPBACK).withPort(0)
        .withHealthPort(FrontConfig.NO_HEALTH_PORT).withDrainTimeout(Duration.ofSeconds(2)).withFrontId("front-tls")
        .withTls(new TlsListener(0, certificateFile(), keyFile(), RELOAD_INTERVAL));
    FrontServer server = FrontServer.start(config, publisher, DeviceRegistry.open(), meters);
    opened.add(server);
    return server;
  }

  /** A TLS device connection that accepts any certificate, so the test can look at which one it got. */
  private SSLSocket tlsConnect(int port) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    opened.add(socket);
    socket.connect(new InetSocketAddress(LOOPBACK, port), WAIT_MILLIS);
    socket.setSoTimeout(WAIT_MILLIS);
    socket.startHandshake();
    return socket;
  }

  private static BigInteger servedSerial(SSLSocket socket) throws Exception {
    return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
  }

  private static byte[] exchange(Socket socket, byte[] request, int replyBytes) throws IOException {
    socket.getOutputStream().write(request);
    socket.getOutputStream().flush();
    byte[] reply = socket.getInputStream().readNBytes(replyBytes);
    if (reply.length < replyBytes) {
      throw new IOException("connection closed after " + reply.length + " of " + replyBytes + " bytes");
    }
    return reply;
  }

  private double meter(String name, String tag, String value) {
    return meters.counter(name, tag, value).count();
  }

  private void awaitCount(String name, String tag, String value, double atLeast) throws InterruptedException {
    for (int i = 0; i < 200 && meter(name, tag, value) < atLeast; i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void simulatedDevicesLogInAndGetEveryFrameAckedOverTls() throws Exception {
    install(certificate(1, "front-a"));
    FrontServer server = start();
    SimulationConfig config = SimulationConfig.builder().host(LOOPBACK).port(server.tlsPort())
        .devices(3).interval(Duration.ofMillis(20)).maxFrames(3).recordsPerFrame(2)
        .tls(SimulatorTls.trusting(Files.writeString(dir.resolve("ca.crt"), AUTHORITY.getCertificatePEM())))
        .build();

    try (Simulation simulation = new Simulation(config)) {
      simulation.start();

      assertTrue(simulation.awaitCompletion(Duration.ofSeconds(30)), simulation.stats().summary());
      assertEquals(18, simulation.stats().recordsAcked());
      assertEquals(0, simulation.stats().rejectedLogins());
    }
    assertEquals(18, publisher.confirmedBatches().stream().mapToInt(batch -> batch.records().size()).sum());
  }

  @Test
  void plainTcpClientOnTheTlsPortIsClosedWithoutHarmingTheServer() throws Exception {
    install(certificate(1, "front-a"));
    FrontServer server = start();
    Socket plain = new Socket();
    opened.add(plain);
    plain.connect(new InetSocketAddress(LOOPBACK, server.tlsPort()), WAIT_MILLIS);
    plain.getOutputStream().write(LOGIN);
    plain.setSoTimeout(WAIT_MILLIS);

    assertTrue(closedByServer(plain), "a client speaking plain TCP to the TLS port must be closed");
    assertEquals(1, meter("fleetwire.rejects", "reason", "tls-failed"));
    SSLSocket device = tlsConnect(server.tlsPort());
    assertArrayEquals(new byte[] {1}, exchange(device, LOGIN, 1));
    assertArrayEquals(ACK_2, exchange(device, AVL, 4));
  }

  @Test
  void newConnectionsGetTheRenewedCertificateWhileOpenOnesKeepWorking() throws Exception {
    install(certificate(1, "front-a"));
    FrontServer server = start();
    SSLSocket before = tlsConnect(server.tlsPort());
    assertEquals(BigInteger.ONE, servedSerial(before));
    assertArrayEquals(new byte[] {1}, exchange(before, LOGIN, 1));

    install(certificate(2, "front-b"));
    awaitCount("fleetwire.tls.reloads", "outcome", "loaded", 1);
    SSLSocket after = tlsConnect(server.tlsPort());

    assertEquals(BigInteger.TWO, servedSerial(after));
    assertArrayEquals(ACK_2, exchange(before, AVL, 4), "the connection opened before the reload still gets acks");
    assertArrayEquals(new byte[] {1}, exchange(after, LOGIN, 1));
    assertArrayEquals(ACK_2, exchange(after, AVL, 4));
  }

  @Test
  void unusableNewPairIsLoggedAndTheCurrentCertificateStays() throws Exception {
    install(certificate(1, "front-a"));
    FrontServer server = start();
    X509Bundle other = certificate(2, "front-b");

    // A half-done rotation: the new certificate beside the old key.
    Files.writeString(certificateFile(), other.getCertificatePEM());
    awaitCount("fleetwire.tls.reloads", "outcome", "failed", 1);

    assertEquals(1, meter("fleetwire.tls.reloads", "outcome", "failed"));
    SSLSocket device = tlsConnect(server.tlsPort());
    assertEquals(BigInteger.ONE, servedSerial(device));
    assertArrayEquals(new byte[] {1}, exchange(device, LOGIN, 1));
  }

  @Test
  void expiredNewCertificateIsRefusedAndTheCurrentOneStays() throws Exception {
    install(certificate(1, "front-a"));
    FrontServer server = start();

    install(expired(2, "front-expired"));
    awaitCount("fleetwire.tls.reloads", "outcome", "outside-validity", 1);

    assertEquals(0, meter("fleetwire.tls.reloads", "outcome", "loaded"));
    SSLSocket device = tlsConnect(server.tlsPort());
    assertEquals(BigInteger.ONE, servedSerial(device));
    assertArrayEquals(new byte[] {1}, exchange(device, LOGIN, 1));
  }

  @Test
  void frontDoesNotStartWithAnExpiredCertificate() throws Exception {
    install(expired(1, "front-expired"));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, this::start);

    assertTrue(error.getMessage().contains("expired at"), error.getMessage());
    assertTrue(error.getMessage().contains(certificateFile().toString()), error.getMessage());
  }

  @Test
  void frontDoesNotStartWithoutAUsableCertificate() throws IOException {
    Files.writeString(certificateFile(), "not a certificate");
    Files.writeString(keyFile(), "not a key");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, this::start);

    assertTrue(error.getMessage().contains(certificateFile().toString()), error.getMessage());
  }

  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
