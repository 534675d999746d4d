package io.fleetwire.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tracker with typed sensors and messages of its own, delivered over TCP to the local stack: the
 * device view shows each sensor as its type reads (booleans, integers, signed decimals, hex ids,
 * identifiers beyond a double's precision) and lists its messages, text as text and binary as hex.
 */
@ExtendWith(SharedBrowser.class)
class DeviceMessagesBrowserTest {
  private static final String IMEI = "356307042441077";
  /** An iButton id with its top bit set: a negative number if read as a signed 8-byte value. */
  private static final long IBUTTON = 0xAA00_0000_0000_0001L;
  /** Above 2^53: its last digits are lost if it travels as a JSON number. */
  private static final long ICCID_PART = 8_937_204_016_201_234_567L;

  private static RunningStack stack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) throws IOException, InterruptedException {
    stack = RunningStack.start(null);
    browser = shared;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    deliver(now);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (stack.api().messages(IMEI).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** Login, one Codec 8E record (acked once stored), a Codec 15 text and a binary Codec 12 message. */
  private static void deliver(Instant now) throws IOException {
    Sample sample = new Sample(now.minusSeconds(60).toEpochMilli(), 1, 252_797_000, 546_872_000, 120, 90, 9, 42,
        0, 0, List.of(new Io(239, 1, 1), new Io(240, 1, 0), new Io(21, 1, 4), new Io(10800, 2, 64_349),
            new Io(66, 2, 12_850), new Io(78, 8, IBUTTON), new Io(11, 8, ICCID_PART)), Map.of());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.tcpPort()), 10_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] digits = IMEI.getBytes(StandardCharsets.US_ASCII);
      out.write(new byte[] {0, (byte) digits.length});
      out.write(digits);
      out.flush();
      assertEquals(1, in.readUnsignedByte());
      out.write(AvlFrameWriter.frame(AvlFrameWriter.CODEC_8E, List.of(sample)));
      out.flush();
      assertEquals(1, in.readInt());
      out.write(messageFrame(0x0F, 0x0B, HexFormat.of().formatHex(intBytes(now.minusSeconds(30).getEpochSecond()))
          + "0" + IMEI + HexFormat.of().formatHex("Hello!\n".getBytes(StandardCharsets.US_ASCII))));
      out.write(messageFrame(0x0C, 0x06, "010300010015d5c5"));
      out.flush();
    }
  }

  private static byte[] intBytes(long value) {
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  /** Codec 12-family frame: preamble, length, codec, 1, type, size, payload, 1, CRC. */
  private static byte[] messageFrame(int codec, int type, String payloadHex) {
    byte[] payload = HexFormat.of().parseHex(payloadHex);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write(codec);
    data.write(1);
    data.write(type);
    data.writeBytes(intBytes(payload.length));
    data.writeBytes(payload);
    data.write(1);
    byte[] body = data.toByteArray();
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(new byte[4]);
    frame.writeBytes(intBytes(body.length));
    frame.writeBytes(body);
    frame.writeBytes(intBytes(AvlFrameWriter.crc16(body, 0, body.length)));
    return frame.toByteArray();
  }

  @Test
  void deviceViewShowsTypedSensorsAndTheDevicesOwnMessages() {
    DashboardPage page = DashboardPage.open(browser, stack.url("/?tiles=none"));
    page.openFromList(IMEI);
    page.chooseRange("hour");
    browser.screenshot("device-messages-1280x800");

    Map<String, List<String>> sensors = new LinkedHashMap<>();
    browser.findAll("#sensor-list [data-sensor]").forEach(row -> sensors.put(row.getDomAttribute("data-sensor"),
        List.of(row.findElement(org.openqa.selenium.By.cssSelector("dd")).getDomAttribute("data-type"),
            row.findElement(org.openqa.selenium.By.cssSelector("dd")).getText())));
    assertEquals(List.of("boolean", "On"), sensors.get("ignition"));
    assertEquals(List.of("boolean", "Off"), sensors.get("movement"));
    assertEquals(List.of("number", "4"), sensors.get("gsmSignal"));
    assertEquals(List.of("number", "-11.87"), sensors.get("eyeTemperature1C"));
    assertEquals(List.of("number", "12.85"), sensors.get("externalVoltageV"));
    assertEquals(List.of("text", "AA00000000000001"), sensors.get("driverId"));
    assertEquals(List.of("text", Long.toUnsignedString(ICCID_PART)), sensors.get("iccid1"));

    List<JsonNode> messages = stack.api().messages(IMEI);
    assertEquals(2, messages.size(), messages.toString());
    List<String> shown = browser.findAll("#message-list li").stream()
        .map(li -> li.getDomAttribute("data-codec") + " " + li.getDomAttribute("data-kind") + " "
            + li.findElement(org.openqa.selenium.By.cssSelector("pre")).getText())
        .toList();
    assertEquals(List.of("15 text Hello!", "12 hex 010300010015d5c5"), shown);
  }
}
