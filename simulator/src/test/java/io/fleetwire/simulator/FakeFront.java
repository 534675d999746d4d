package io.fleetwire.simulator;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for the front on a loopback socket: it answers logins by a policy and
 * answers each AVL frame by a script (ack n records, stay silent, or close). It records what it
 * received. Blocking sockets and a thread per connection are fine for the few devices of a test.
 */
final class FakeFront implements AutoCloseable {

  /** What to do with the n-th frame (0-based, over all connections) holding {@code records}. */
  interface Script {
    Reply reply(int frameIndex, int records);
  }

  record Reply(int ack, boolean silent, boolean close) {
    static Reply ack(int records) {
      return new Reply(records, false, false);
    }

    static Reply silence() {
      return new Reply(0, true, false);
    }

    static Reply closeConnection() {
      return new Reply(0, true, true);
    }
  }

  /** One received AVL frame: the IMEI of its connection, which connection, its full bytes. */
  record Frame(String imei, int connection, byte[] bytes) {
    int records() {
      return bytes[9] & 0xFF;
    }

    /** The record section: from the first record's timestamp to the byte before N2. */
    byte[] recordBytes() {
      byte[] records = new byte[bytes.length - 15];
      System.arraycopy(bytes, 10, records, 0, records.length);
      return records;
    }
  }

  private final ServerSocket server;
  private final boolean acceptLogins;
  private final Script script;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final List<String> logins = new CopyOnWriteArrayList<>();
  private final AtomicInteger keepAlives = new AtomicInteger();
  private final AtomicInteger frameCount = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> peerAddresses = new CopyOnWriteArrayList<>();

  FakeFront(boolean acceptLogins, Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptLogins = acceptLogins;
    this.script = script;
    Thread acceptor = new Thread(this::acceptLoop, "fake-front-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static FakeFront ackingEverything() throws IOException {
    return new FakeFront(true, (index, records) -> Reply.ack(records));
  }

  int port() {
    return server.getLocalPort();
  }

  List<String> logins() {
    return logins;
  }

  /** The remote address of every accepted connection. */
  List<String> peerAddresses() {
    return peerAddresses;
  }

  int keepAlives() {
    return keepAlives.get();
  }

  /** The next received frame, waiting at most 10 s. */
  Frame nextFrame() throws InterruptedException {
    Frame frame = frames.poll(10, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no frame arrived within 10 s");
    }
    return frame;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        peerAddresses.add(socket.getInetAddress().getHostAddress());
        int connection = connections.getAndIncrement();
        Thread worker = new Thread(() -> serve(socket, connection), "fake-front-" + connection);
        worker.setDaemon(true);
        worker.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, int connection) {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] imeiBytes = new byte[in.readUnsignedShort()];
      in.readFully(imeiBytes);
      String imei = new String(imeiBytes, StandardCharsets.US_ASCII);
      logins.add(imei);
      out.writeByte(acceptLogins ? 1 : 0);
      out.flush();
      if (!acceptLogins) {
        return;
      }
      while (true) {
        int first = in.readUnsignedByte();
        if (first == 0xFF) {
          keepAlives.incrementAndGet();
          continue;
        }
        byte[] rest = new byte[3 + 4];
        in.readFully(rest);
        int length = ByteBuffer.wrap(rest, 3, 4).getInt();
        byte[] frame = new byte[8 + length + 4];
        System.arraycopy(rest, 0, frame, 1, rest.length);
        in.readFully(frame, 8, length + 4);
        Frame received = new Frame(imei, connection, frame);
        Reply reply = script.reply(frameCount.getAndIncrement(), received.records());
        frames.add(received);
        if (reply.close()) {
          return;
        }
        if (!reply.silent()) {
          out.writeInt(reply.ack());
          out.flush();
        }
      }
    } catch (IOException closed) {
      // the device closed the connection: this session is over
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
