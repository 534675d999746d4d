package io.fleetwire.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.contract.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a socket, for what a well-behaved client library refuses to send:
 * a forged Host, a cross-site Origin, oversized lines, half a request. Reads until the server closes.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  /** A reply: status (0 when the server closed without answering), raw head, body text. */
  record Reply(int status, String head, String body, long millis) {
    JsonNode json() throws IOException {
      return Json.mapper().readTree(body);
    }
  }

  private RawHttp() {
  }

  static String request(String method, String path, String host, String... headersAndBody) {
    StringBuilder text = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
    String body = "";
    for (String line : headersAndBody) {
      if (line.startsWith("{") || line.startsWith("text=")) {
        body = line;
      } else {
        text.append(line).append("\r\n");
      }
    }
    if (!body.isEmpty() || method.equals("POST")) {
      text.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
    }
    return text.append("\r\n").append(body).toString();
  }

  static Reply send(int port, String raw) throws IOException {
    return send(port, raw.getBytes(StandardCharsets.UTF_8));
  }

  static Reply send(int port, byte[] raw) throws IOException {
    long started = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.getOutputStream().write(raw);
      socket.getOutputStream().flush();
      return read(socket.getInputStream(), started);
    }
  }

  /** Reads one reply until the server closes; a reset after the reply counts as the close. */
  static Reply read(InputStream in, long started) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        all.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed within " + TIMEOUT_MILLIS + " ms: " + all, e);
    } catch (IOException reset) {
      // answered, then reset: the reply read so far is what the client got
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    if (split < 0) {
      return new Reply(0, text, "", millis);
    }
    String head = text.substring(0, split);
    int status = Integer.parseInt(head.substring(9, 12));
    return new Reply(status, head, text.substring(split + 4), millis);
  }
}
