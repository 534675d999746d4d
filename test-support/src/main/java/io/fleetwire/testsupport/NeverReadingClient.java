package io.fleetwire.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile peer on loopback: it connects with a small receive buffer, optionally sends an opening
 * (a login), then writes {@code request} over and over from its own thread and never reads a byte
 * of the answers. It stops when the server closes the connection (a write fails) or when closed.
 */
public final class NeverReadingClient implements AutoCloseable {
  private static final int RECEIVE_BUFFER = 4 * 1024;

  private final Socket socket;
  private final Thread writer;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicBoolean closedByServer = new AtomicBoolean();
  private volatile boolean stopping;

  private NeverReadingClient(Socket socket, byte[] request, int repeatPerWrite) {
    this.socket = socket;
    byte[] burst = new byte[request.length * repeatPerWrite];
    for (int i = 0; i < repeatPerWrite; i++) {
      System.arraycopy(request, 0, burst, i * request.length, request.length);
    }
    this.writer = new Thread(() -> flood(burst), "never-reading-client");
    writer.setDaemon(true);
  }

  /**
   * Connects to {@code host:port}, sends {@code opening} and reads {@code openingReplyBytes} of its
   * answer (a login's one byte), then floods {@code request}, {@code repeatPerWrite} copies per write.
   */
  public static NeverReadingClient start(String host, int port, byte[] opening, int openingReplyBytes, byte[] request,
      int repeatPerWrite) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(RECEIVE_BUFFER);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(5_000);
    if (opening.length > 0) {
      socket.getOutputStream().write(opening);
      socket.getOutputStream().flush();
      for (int i = 0; i < openingReplyBytes; i++) {
        if (socket.getInputStream().read() < 0) {
          socket.close();
          throw new IOException("server closed the connection instead of answering the opening");
        }
      }
    }
    NeverReadingClient client = new NeverReadingClient(socket, request, repeatPerWrite);
    client.writer.start();
    return client;
  }

  private void flood(byte[] burst) {
    try {
      OutputStream out = socket.getOutputStream();
      while (!stopping) {
        out.write(burst);
        bytesSent.addAndGet(burst.length);
      }
    } catch (IOException resetOrClosed) {
      closedByServer.set(!stopping);
    }
  }

  /** Bytes of requests the server has taken so far (into its socket buffers or further). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** True once a write failed because the server closed or reset the connection. */
  public boolean closedByServer() {
    return closedByServer.get();
  }

  /**
   * Waits up to {@code patience} for the server to close the connection: closing waits for the
   * server's write timeout and for the buffers between the two to fill, on a machine that may be loaded.
   */
  public boolean awaitClosedByServer(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!closedByServer.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return closedByServer.get();
  }

  @Override
  public void close() throws IOException {
    stopping = true;
    socket.close();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
