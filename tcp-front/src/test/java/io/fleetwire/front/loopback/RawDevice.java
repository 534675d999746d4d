package io.fleetwire.front.loopback;

import io.fleetwire.testsupport.RawTracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A device played byte by byte over a plain socket, for what the simulator never does: stay
 * silent, send garbage, claim a refused IMEI. Every read is bounded by {@link LoopbackFront#PATIENCE}.
 */
final class RawDevice implements AutoCloseable {
  private final Socket socket;

  private RawDevice(Socket socket) {
    this.socket = socket;
  }

  static RawDevice connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(LoopbackFront.HOST, port), (int) LoopbackFront.PATIENCE.toMillis());
    socket.setSoTimeout((int) LoopbackFront.PATIENCE.toMillis());
    return new RawDevice(socket);
  }

  /** The login frame: 2-byte length, then the IMEI as ASCII digits. */
  static byte[] loginFrame(String imei) {
    return RawTracker.loginFrame(imei);
  }

  /** Sends the login and returns the front's one-byte answer (1 accepted, 0 rejected). */
  int login(String imei) throws IOException {
    send(loginFrame(imei));
    int answer = socket.getInputStream().read();
    if (answer < 0) {
      throw new AssertionError("front closed the connection instead of answering the login of " + imei);
    }
    return answer;
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /**
   * Sends {@code bytes}, which may make the front close the connection halfway: false when it
   * did (broken pipe or reset), which hostile input is allowed to cause.
   */
  boolean sendUnlessClosed(byte[] bytes) {
    try {
      send(bytes);
      return true;
    } catch (IOException closedByFront) {
      return false;
    }
  }

  /**
   * Signals end of stream, as a device that hangs up after its last frame, and returns every
   * byte the front sent until it closed. A reset counts as closed: what arrived before it is kept.
   */
  byte[] hangUpAndCollectReplies() throws IOException {
    try {
      socket.shutdownOutput();
    } catch (IOException alreadyClosed) {
      // The front closed first; its replies may still be waiting to be read.
    }
    ByteArrayOutputStream replies = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] chunk = new byte[256];
    try {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        replies.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("front kept the connection open " + LoopbackFront.PATIENCE
          + " after the device hung up", stillOpen);
    } catch (IOException reset) {
      return replies.toByteArray();
    }
    return replies.toByteArray();
  }

  /** Next byte from the front, -1 when it closed the connection; fails if nothing comes in time. */
  int read(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    try {
      return socket.getInputStream().read();
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("front neither answered nor closed within " + within, stillOpen);
    } catch (IOException reset) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
