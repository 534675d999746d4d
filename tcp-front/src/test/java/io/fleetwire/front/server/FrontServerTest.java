package io.fleetwire.front.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class FrontServerTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int CLOSE_WAIT_MILLIS = 10_000;

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private static FrontConfig loopback() {
    return FrontConfig.defaults().withHost(LOOPBACK).withPort(0).withHealthPort(FrontConfig.NO_HEALTH_PORT)
        .withDrainTimeout(Duration.ofSeconds(2)).withFrontId("front-test");
  }

  private FrontServer start(FrontConfig config) {
    FrontServer server = FrontServer.start(config, publisher, DeviceRegistry.open(), new SimpleMeterRegistry());
    opened.add(server);
    return server;
  }

  private Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(LOOPBACK, port), CLOSE_WAIT_MILLIS);
    opened.add(socket);
    return socket;
  }

  /** True when the server closed the connection (end of stream) within the bounded wait. */
  private static boolean closedByServer(Socket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void bindsEphemeralPortsForTheLoginAndFixedImeiListeners() throws IOException {
    FrontServer server = start(loopback().withFixedImei(new FixedImeiListener(0, "356307042441013")));

    int fixed = server.fixedImeiPort("356307042441013");
    assertTrue(server.port() > 0);
    assertTrue(fixed > 0);
    assertNotEquals(server.port(), fixed);
    connect(fixed);
    assertEquals(FrontConfig.NO_HEALTH_PORT, server.healthPort());
  }

  @Test
  void silentConnectionIsClosedAfterTheIdleTimeoutWhileAKeptAliveOneStaysOpen() throws Exception {
    FrontServer server = start(loopback().withIdleTimeout(Duration.ofMillis(1_500)));
    Socket silent = connect(server.port());
    Socket talking = connect(server.port());

    for (int i = 0; i < 20; i++) {
      talking.getOutputStream().write(0xFF);
      talking.getOutputStream().flush();
      Thread.sleep(100);
    }

    assertTrue(closedByServer(silent, CLOSE_WAIT_MILLIS), "the silent connection must be closed");
    assertFalse(closedByServer(talking, 200), "a device sending keep-alives stays connected");
  }

  @Test
  void closeStopsAcceptingAndClosesConnections() throws Exception {
    FrontServer server = start(loopback());
    Socket device = connect(server.port());
    int port = server.port();

    server.close();

    assertTrue(server.isDraining());
    assertFalse(server.isReady());
    assertTrue(closedByServer(device, CLOSE_WAIT_MILLIS));
    assertThrows(IOException.class, () -> connect(port));
  }

  @Test
  void portInUseIsReportedWithThePort() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
      FrontConfig config = loopback().withPort(taken.getLocalPort());

      IllegalStateException error = assertThrows(IllegalStateException.class, () -> start(config));

      assertTrue(error.getMessage().contains(":" + taken.getLocalPort()), error.getMessage());
    }
  }
}
