package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.RecordId;
import io.fleetwire.testsupport.HexFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every example of the shared teltonika-doc-examples.txt, to exactly the values noted there. */
class TeltonikaDocExamplesTest {

  static byte[] fixture(String name) {
    return HexFixture.load("teltonika/" + name + ".hex");
  }

  private static AvlPacket avl(String name) {
    return assertInstanceOf(AvlPacket.class, TeltonikaDecoder.decode(fixture(name)));
  }

  private static DeviceResponse response(String name) {
    return assertInstanceOf(DeviceResponse.class, TeltonikaDecoder.decode(fixture(name)));
  }

  private static void assertNoFix(AvlRecord record) {
    assertEquals(0.0, record.longitude());
    assertEquals(0.0, record.latitude());
    assertEquals(0, record.altitude());
    assertEquals(0, record.angle());
    assertEquals(0, record.satellites());
    assertEquals(0, record.speed());
  }

  private static String ack(AvlPacket packet) {
    return HexFormat.of().formatHex(TeltonikaEncoder.recordAck(packet.records().size()));
  }

  @Test
  void loginDecodesToTheImeiAndIsAnsweredWith01() {
    assertEquals(new ImeiLogin("356307042441013"),
        TeltonikaDecoder.decode(fixture("login-356307042441013")));
    assertArrayEquals(new byte[] {0x01}, TeltonikaEncoder.loginReply(true));
    assertArrayEquals(new byte[] {0x00}, TeltonikaEncoder.loginReply(false));
  }

  @Test
  void keepAliveByteDecodesToKeepAlive() {
    assertSame(KeepAlive.INSTANCE, TeltonikaDecoder.decode(new byte[] {(byte) 0xFF}));
  }

  @Test
  void codec8OneRecord() {
    AvlPacket packet = avl("codec8-1record");

    assertEquals(AvlPacket.CODEC_8, packet.codec());
    assertEquals(1, packet.records().size());
    AvlRecord record = packet.records().get(0);
    assertEquals(Instant.parse("2019-06-10T10:04:46Z"), record.timestamp());
    assertEquals(1, record.priority());
    assertNoFix(record);
    assertEquals(1, record.eventId());
    assertNull(record.generationType());
    assertEquals(Map.of(21, 3L, 1, 1L, 66, 24079L, 241, 24602L, 78, 0L), record.io());
    assertTrue(record.ioVariable().isEmpty());
    assertEquals("00000001", ack(packet));
  }

  @Test
  void codec8OneRecordB() {
    AvlPacket packet = avl("codec8-1record-b");

    assertEquals(1, packet.records().size());
    AvlRecord record = packet.records().get(0);
    assertEquals(Instant.parse("2019-06-10T10:05:36Z"), record.timestamp());
    assertEquals(1, record.priority());
    assertNoFix(record);
    assertEquals(1, record.eventId());
    assertEquals(Map.of(21, 3L, 1, 1L, 66, 24080L), record.io());
    assertEquals("00000001", ack(packet));
  }

  @Test
  void codec8TwoRecords() {
    AvlPacket packet = avl("codec8-2records");

    assertEquals(2, packet.records().size());
    AvlRecord first = packet.records().get(0);
    AvlRecord second = packet.records().get(1);
    assertEquals(Instant.parse("2019-06-10T10:01:01Z"), first.timestamp());
    assertEquals(Map.of(1, 0L), first.io());
    assertEquals(Instant.parse("2019-06-10T10:01:19Z"), second.timestamp());
    assertEquals(Map.of(1, 1L), second.io());
    for (AvlRecord record : packet.records()) {
      assertEquals(1, record.priority());
      assertEquals(1, record.eventId());
    }
    assertEquals("00000002", ack(packet));
  }

  @Test
  void codec8ExtendedOneRecord() {
    AvlPacket packet = avl("codec8e-1record");

    assertEquals(AvlPacket.CODEC_8E, packet.codec());
    assertEquals(1, packet.records().size());
    AvlRecord record = packet.records().get(0);
    assertEquals(Instant.parse("2019-06-10T11:36:32Z"), record.timestamp());
    assertEquals(1, record.priority());
    assertNoFix(record);
    assertEquals(1, record.eventId());
    assertEquals(Map.of(1, 1L, 17, 29L, 16, 22949000L, 11, 893700218L, 14, 500686954L),
        record.io());
    assertTrue(record.ioVariable().isEmpty());
    assertEquals("00000001", ack(packet));
  }

  @Test
  void codec16TwoRecords() {
    AvlPacket packet = avl("codec16-2records");

    assertEquals(AvlPacket.CODEC_16, packet.codec());
    assertEquals(2, packet.records().size());
    AvlRecord first = packet.records().get(0);
    AvlRecord second = packet.records().get(1);
    assertEquals(Instant.parse("2019-07-10T12:06:54Z"), first.timestamp());
    assertEquals(Instant.parse("2019-07-10T12:06:55Z"), second.timestamp());
    assertEquals(Map.of(1, 0L, 3, 0L, 11, 39L, 66, 22074L), first.io());
    assertEquals(Map.of(1, 0L, 3, 0L, 11, 38L, 66, 22074L), second.io());
    for (AvlRecord record : packet.records()) {
      assertEquals(0, record.priority());
      assertNoFix(record);
      assertEquals(11, record.eventId());
      assertEquals(5, record.generationType());
    }
    assertEquals("00000002", ack(packet));
  }

  @Test
  void codec12GetinfoCommandDecodesAndIsReproducedByTheEncoder() {
    byte[] frame = fixture("codec12-command-getinfo");

    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_12, 0x05, null, "getinfo"),
        TeltonikaDecoder.decode(frame));
    assertArrayEquals(frame, TeltonikaEncoder.encode(
        new ServerMessage.Command(DeviceResponse.CODEC_12, "getinfo", null)));
  }

  @Test
  void codec12GetinfoResponse() {
    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null,
            "INI:2019/7/22 7:22 RTC:2019/7/22 7:53 RST:2 ERR:1 SR:0 BR:0 CF:0 FG:0 FL:0 TU:0/0 "
                + "UT:0 SMS:0 NOGPS:0:30 GPS:1 SAT:0 RS:3 RF:65 SF:1 MD:0"),
        response("codec12-response-getinfo"));
  }

  @Test
  void codec12GetioResponse() {
    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null,
            "DI1:1 DI2:0 DI3:0 AIN1:0 AIN2:16924 DO1:0 DO2:1"),
        response("codec12-response-getio"));
  }

  @Test
  void codec14GetverCommandDecodesAndIsReproducedByTheEncoder() {
    byte[] frame = fixture("codec14-command-getver");

    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_14, 0x05, "352093081452251", "getver"),
        TeltonikaDecoder.decode(frame));
    assertArrayEquals(frame, TeltonikaEncoder.encode(new ServerMessage.Command(
        DeviceResponse.CODEC_14, "getver", "352093081452251")));
  }

  @Test
  void codec14GetverResponse() {
    DeviceResponse response = response("codec14-response-getver");

    assertEquals(DeviceResponse.CODEC_14, response.codec());
    assertEquals(DeviceResponse.TYPE_RESPONSE, response.type());
    assertEquals("352093081452251", response.imei());
    assertTrue(response.text().startsWith(
        "Ver:03.18.14_04 GPS:AXN_5.10_3333 Hw:FMB120 Mod:15 IMEI:352093081452251 "),
        response.text());
  }

  @Test
  void udpCodec8DataDecodesAfterTheUdpHeader() {
    byte[] datagram = fixture("udp-codec8");
    // UDP header: length(2), packet id(2), 01, AVL packet id(1), IMEI length(2), IMEI.
    assertEquals("cafe", HexFormat.of().formatHex(datagram, 2, 4));
    assertEquals(0x05, datagram[5]);
    int imeiLength = ((datagram[6] & 0xff) << 8) | (datagram[7] & 0xff);
    assertEquals("352093086403655",
        new String(datagram, 8, imeiLength, StandardCharsets.US_ASCII));
    int dataStart = 8 + imeiLength;

    AvlPacket packet = assertInstanceOf(AvlPacket.class,
        TeltonikaDecoder.decodeData(datagram, dataStart, datagram.length - dataStart));

    assertEquals(1, packet.records().size());
    assertEquals(Instant.parse("2019-06-13T06:23:26Z"), packet.records().get(0).timestamp());
    assertEquals(Map.of(21, 3L, 1, 1L, 66, 23996L), packet.records().get(0).io());
  }

  @Test
  void fingerprintCoversExactlyTheRecordBytesOnTheWire() {
    byte[] frame = fixture("codec8-1record");
    // The record follows preamble(4), length(4), codec(1), count(1); count(1) and CRC(4) follow it.
    long expected = RecordId.fingerprint(frame, 10, frame.length - 10 - 5);

    assertEquals(expected, avl("codec8-1record").records().get(0).fingerprint());
  }
}
