package io.fleetwire.local.e2e;

import io.fleetwire.simulator.teltonika.AvlEncoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/** A tracker on a blocking loopback socket, byte for byte: login, frames, the server's answers. */
final class RawDevice implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 10_000;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  RawDevice(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
  }

  /** Sends the IMEI login; returns the server's one-byte answer (1 accepted, 0 rejected). */
  int login(String imei) throws IOException {
    out.write(AvlEncoder.login(imei));
    out.flush();
    return in.readUnsignedByte();
  }

  /** Sends one AVL frame; returns the 4-byte record count the server acked. */
  int send(byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
    return in.readInt();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
