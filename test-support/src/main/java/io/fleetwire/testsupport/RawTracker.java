package io.fleetwire.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A tracker on a plain blocking socket that does exactly what a test tells it: log in, send a
 * Codec 8 frame and read its ack, read a command frame (CRC checked), send a command answer.
 * Every read is bounded by the socket timeout.
 */
public final class RawTracker implements AutoCloseable {
  public static final int CODEC_12 = 0x0C;
  public static final int CODEC_14 = 0x0E;
  public static final int TYPE_RESPONSE = 0x06;
  public static final int TYPE_IMEI_MISMATCH = 0x11;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final String imei;
  private long nextTimestamp = Instant.parse("2026-11-26T04:00:00Z").toEpochMilli();

  private RawTracker(Socket socket, String imei) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.imei = imei;
  }

  /** Connects and logs in; fails unless the server answers {@code 01}. */
  public static RawTracker login(String host, int port, String imei) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), READ_TIMEOUT_MILLIS);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    RawTracker tracker = new RawTracker(socket, imei);
    tracker.out.write(loginFrame(imei));
    tracker.out.flush();
    int answer = tracker.in.read();
    if (answer != 1) {
      socket.close();
      throw new IOException("login of " + imei + " answered " + answer + ", expected 1");
    }
    return tracker;
  }

  /** The login frame: 2-byte big-endian length, then the IMEI as ASCII digits. */
  public static byte[] loginFrame(String imei) {
    byte[] id = imei.getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[2 + id.length];
    frame[0] = (byte) (id.length >>> 8);
    frame[1] = (byte) id.length;
    System.arraycopy(id, 0, frame, 2, id.length);
    return frame;
  }

  /** Sends one Codec 8 frame of {@code records} records and returns the acked count. */
  public int sendRecords(int records) throws IOException {
    List<AvlFrameWriter.Sample> samples = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      samples.add(new AvlFrameWriter.Sample(nextTimestamp, 0, 253_017_000, 546_872_000, 112, 90, 11, 48, 0, 0,
          List.of(new AvlFrameWriter.Io(239, 1, 1)), null));
      nextTimestamp += 1_000;
    }
    out.write(AvlFrameWriter.frame(AvlFrameWriter.CODEC_8, samples));
    out.flush();
    return in.readInt();
  }

  /**
   * Reads one whole server frame (preamble, length, data, CRC) and returns its bytes.
   *
   * @throws IOException when the preamble is not zero or the CRC does not match the data
   */
  public byte[] readFrame() throws IOException {
    int preamble = in.readInt();
    int length = in.readInt();
    if (preamble != 0 || length < 8 || length > 4096) {
      throw new IOException("not a command frame: preamble " + preamble + ", length " + length);
    }
    byte[] data = in.readNBytes(length);
    int crc = in.readInt();
    if (crc != AvlFrameWriter.crc16(data, 0, data.length)) {
      throw new IOException("command frame CRC " + Integer.toHexString(crc) + " does not match its data");
    }
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    put(frame, 0, 4);
    put(frame, length, 4);
    frame.writeBytes(data);
    put(frame, crc, 4);
    return frame.toByteArray();
  }

  /** Answers in Codec 12 (type 06) with {@code text}. */
  public void answerCodec12(String text) throws IOException {
    writeAnswer(CODEC_12, TYPE_RESPONSE, text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Answers in Codec 14 with {@code type} (06 executed, 11 IMEI mismatch), this tracker's IMEI and text. */
  public void answerCodec14(int type, String text) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    String nibbles = "0" + imei;
    for (int i = 0; i < 8; i++) {
      payload.write(((nibbles.charAt(2 * i) - '0') << 4) | (nibbles.charAt(2 * i + 1) - '0'));
    }
    payload.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    writeAnswer(CODEC_14, type, payload.toByteArray());
  }

  private void writeAnswer(int codec, int type, byte[] payload) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(codec);
    data.write(1);
    data.write(type);
    put(data, payload.length, 4);
    data.writeBytes(payload);
    data.write(1);
    byte[] body = data.toByteArray();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    put(frame, 0, 4);
    put(frame, body.length, 4);
    frame.writeBytes(body);
    put(frame, AvlFrameWriter.crc16(body, 0, body.length), 4);
    out.write(frame.toByteArray());
    out.flush();
  }

  private static void put(ByteArrayOutputStream out, long value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
