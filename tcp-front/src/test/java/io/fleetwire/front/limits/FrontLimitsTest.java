package io.fleetwire.front.limits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FixedImeiListener;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.testsupport.HexFixture;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Each limit through a real front on loopback sockets, next to a well-behaved device. */
class FrontLimitsTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int WAIT_MILLIS = 10_000;
  private static final byte[] LOGIN = HexFixture.load("teltonika/login-356307042441013.hex");
  private static final byte[] AVL = HexFixture.load("teltonika/codec8-2records.hex");
  private static final byte[] ACK_2 = {0, 0, 0, 2};

  private final RecordingPublisher publisher = new RecordingPublisher(RecordingPublisher.Mode.SUCCEED);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private FrontServer start(ConnectionLimits limits) {
    return start(FrontConfig.defaults().withLimits(limits));
  }

  private FrontServer start(FrontConfig base) {
    FrontConfig config = base.withHost(LOOPBACK).withPort(0)
        .withHealthPort(FrontConfig.NO_HEALTH_PORT).withDrainTimeout(Duration.ofSeconds(2))
        .withFrontId("front-test");
    FrontServer server = FrontServer.start(config, publisher, DeviceRegistry.open(), meters);
    opened.add(server);
    return server;
  }

  private Socket connect(int port, String from) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(LOOPBACK, port), WAIT_MILLIS);
    socket.setSoTimeout(WAIT_MILLIS);
    opened.add(socket);
    return socket;
  }

  private Socket connect(int port) throws IOException {
    return connect(port, LOOPBACK);
  }

  private static void send(Socket socket, byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  private static byte[] read(Socket socket, int count) throws IOException {
    byte[] bytes = socket.getInputStream().readNBytes(count);
    if (bytes.length < count) {
      throw new IOException("connection closed after " + bytes.length + " of " + count + " bytes");
    }
    return bytes;
  }

  private static void logIn(Socket socket) throws IOException {
    send(socket, LOGIN);
    assertArrayEquals(new byte[] {1}, read(socket, 1), "login accepted");
  }

  private static void sendFrameAndExpectAck(Socket socket) throws IOException {
    send(socket, AVL);
    assertArrayEquals(ACK_2, read(socket, 4), "both records acked");
  }

  /** True when the server closed the connection (end of stream or reset) within the bounded wait. */
  private static boolean closedByServer(Socket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    InputStream in = socket.getInputStream();
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private double rejects(String reason) {
    return meters.counter("fleetwire.rejects", "reason", reason).count();
  }

  @Test
  void connectionBeyondTheMaximumIsClosedAtOnceWhileTheOthersKeepWorking() throws Exception {
    FrontServer server = start(ConnectionLimits.defaults().withMaxConnections(2));
    Socket first = connect(server.port());
    Socket second = connect(server.port());
    logIn(first);
    logIn(second);

    Socket third = connect(server.port());

    assertTrue(closedByServer(third, WAIT_MILLIS), "the third connection must be closed");
    assertEquals(1, rejects("max-connections"));
    sendFrameAndExpectAck(first);
    sendFrameAndExpectAck(second);
  }

  @Test
  void connectionThatNeverLogsInIsClosedAtTheLoginDeadline() throws Exception {
    FrontServer server = start(ConnectionLimits.defaults().withLoginTimeout(Duration.ofMillis(500)));
    Socket device = connect(server.port());
    logIn(device);
    Socket silent = connect(server.port());

    assertTrue(closedByServer(silent, WAIT_MILLIS), "the silent connection must be closed");
    assertEquals(1, rejects("login-timeout"));
    sendFrameAndExpectAck(device);
  }

  @Test
  void slowLorisFrameIsClosedAtTheFrameDeadlineWhileANormalDeviceKeepsBeingAcked() throws Exception {
    FrontServer server = start(ConnectionLimits.defaults().withFrameTimeout(Duration.ofSeconds(1)));
    Socket device = connect(server.port());
    Socket loris = connect(server.port());
    logIn(device);
    logIn(loris);

    send(loris, Arrays.copyOfRange(AVL, 0, 8));
    int acked = 0;
    // A byte every 200 ms: far inside the idle timeout, but the frame never completes.
    for (int i = 8; i < 23; i++) {
      try {
        send(loris, new byte[] {AVL[i]});
      } catch (IOException closed) {
        break;
      }
      sendFrameAndExpectAck(device);
      acked++;
      Thread.sleep(200);
    }

    assertTrue(closedByServer(loris, WAIT_MILLIS), "the slow-loris connection must be closed");
    assertEquals(1, rejects("frame-timeout"));
    assertTrue(acked > 0);
    sendFrameAndExpectAck(device);
  }

  @Test
  void connectionRateRefusesABurstFromOneAddressButNotFromAnother() throws Exception {
    // 0.01/s: a burst of one, the next token after 100 s, so the test does not depend on speed.
    FrontServer server = start(ConnectionLimits.defaults().withConnectionsPerSecond(0.01));
    Socket first = connect(server.port(), "127.0.0.1");
    logIn(first);

    Socket burst = connect(server.port(), "127.0.0.1");
    Socket elsewhere = connect(server.port(), "127.0.0.2");

    assertTrue(closedByServer(burst, WAIT_MILLIS), "the second connection from 127.0.0.1 must be refused");
    assertEquals(1, rejects("connection-rate"));
    logIn(elsewhere);
    sendFrameAndExpectAck(elsewhere);
    sendFrameAndExpectAck(first);
  }

  @Test
  void refusedConnectionsDoNotCountAsOpen() throws Exception {
    FrontServer server = start(ConnectionLimits.defaults().withMaxConnections(1));
    Socket only = connect(server.port());
    logIn(only);
    for (int i = 0; i < 3; i++) {
      assertTrue(closedByServer(connect(server.port()), WAIT_MILLIS));
    }

    only.close();
    Socket next = null;
    // The front notices the close asynchronously: retry a bounded number of times.
    for (int attempt = 0; attempt < 50 && next == null; attempt++) {
      Socket candidate = connect(server.port());
      send(candidate, LOGIN);
      candidate.setSoTimeout(WAIT_MILLIS);
      if (candidate.getInputStream().read() == 1) {
        next = candidate;
      } else {
        Thread.sleep(100);
      }
    }

    assertTrue(next != null, "a slot freed by a closed connection is usable again");
    assertFalse(closedByServer(next, 200));
  }

  @Test
  void fixedImeiDeviceThatNeverLogsInIsNotHeldToTheLoginDeadline() throws Exception {
    FrontServer server = start(FrontConfig.defaults()
        .withLimits(ConnectionLimits.defaults().withLoginTimeout(Duration.ofMillis(200)))
        .withFixedImei(new FixedImeiListener(0, "356307042441013")));
    Socket device = connect(server.fixedImeiPort("356307042441013"));

    Thread.sleep(600);

    sendFrameAndExpectAck(device);
    assertEquals(0, rejects("login-timeout"));
  }
}
