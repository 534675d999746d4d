package io.fleetwire.local.dashboard;

import io.fleetwire.simulator.teltonika.AvlEncoder;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.TrackerRecord;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * One tracker's connection to the front, as the protocol has it (DESIGN "The device protocol"):
 * IMEI login, then Codec 8 Extended frames, each followed by the front's 4-byte ack. The front acks
 * only once ingest committed the records, so when {@link #send} returns they are in the store.
 */
final class SimulatedTracker {

  /** Records per AVL packet: a tracker flushing its buffer after a while without coverage. */
  private static final int RECORDS_PER_FRAME = 100;
  private static final int READ_TIMEOUT_MS = 10_000;

  private SimulatedTracker() {
  }

  /** Logs in as {@code imei} on {@code 127.0.0.1:port} and delivers {@code records}, oldest first. */
  static void send(int port, String imei, List<TrackerRecord> records) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(AvlEncoder.login(imei));
      out.flush();
      int login = in.readUnsignedByte();
      if (login != 1) {
        throw new IllegalStateException("the front rejected the login of " + imei + " (answer " + login + ")");
      }
      for (int start = 0; start < records.size(); start += RECORDS_PER_FRAME) {
        List<byte[]> frame = records.subList(start, Math.min(records.size(), start + RECORDS_PER_FRAME)).stream()
            .map(record -> AvlEncoder.record(Codec.CODEC_8E, record)).toList();
        out.write(AvlEncoder.frame(Codec.CODEC_8E, frame));
        out.flush();
        int acked = in.readInt();
        if (acked != frame.size()) {
          throw new IllegalStateException("the front acked " + acked + " of " + frame.size() + " records of " + imei);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("tracker " + imei + " could not deliver its records", e);
    }
  }
}
