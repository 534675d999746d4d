package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import io.fleetwire.testsupport.HexFixture;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeltonikaDecoderTest {
  private static final byte[] ONE_RECORD = HexFixture.load("teltonika/codec8-1record.hex");

  private static Sample sample(int lonE7, int latE7, int altitude, List<Io> io,
      Map<Integer, byte[]> variable) {
    return new Sample(1_560_161_086_000L, 1, lonE7, latE7, altitude, 90, 9, 45, 0, 0, io, variable);
  }

  private static CorruptPacket corrupt(byte[] frame) {
    return assertInstanceOf(CorruptPacket.class, TeltonikaDecoder.decode(frame));
  }

  private static MalformedFrameException malformed(byte[] frame) {
    return assertThrows(MalformedFrameException.class, () -> TeltonikaDecoder.decode(frame));
  }

  @Test
  void rejectsFrameWithBadCrc() {
    byte[] frame = ONE_RECORD.clone();
    frame[frame.length - 1] ^= 0x01;

    assertEquals("crc", corrupt(frame).reason());
  }

  @Test
  void rejectsPacketWhoseRecordCountsDiffer() {
    byte[] data = TestFrames.data(ONE_RECORD);

    assertEquals("count-mismatch",
        corrupt(TestFrames.withDataByte(ONE_RECORD, data.length - 1, 2)).reason());
  }

  @Test
  void rejectsRecordsThatRunPastTheSecondCount() {
    byte[] data = TestFrames.data(ONE_RECORD);
    data[1] = 2;
    data[data.length - 1] = 2;

    assertEquals("truncated-record", corrupt(TestFrames.dataFrame(data)).reason());
  }

  @Test
  void rejectsBytesBetweenTheLastRecordAndTheSecondCount() {
    byte[] data = TestFrames.data(ONE_RECORD);
    // 5 read as a 16-byte group count would need 85 more bytes: the frame fits neither layout
    byte[] padded = TestFrames.concat(Arrays.copyOf(data, data.length - 1), new byte[] {5, 1});

    assertEquals("trailing-bytes", corrupt(TestFrames.dataFrame(padded)).reason());
  }

  @Test
  void readsACodec8FrameThatOnlyFitsWithTheSixteenByteGroupThatWay() {
    byte[] data = TestFrames.data(ONE_RECORD);
    byte[] wide = HexFormat.of().parseHex("01" + "05" + "000102030405060708090a0b0c0d0e0f");
    byte[] withGroup = TestFrames.concat(Arrays.copyOf(data, data.length - 1), wide, new byte[] {1});

    AvlPacket packet = assertInstanceOf(AvlPacket.class, TeltonikaDecoder.decode(TestFrames.dataFrame(withGroup)));

    AvlRecord plain = assertInstanceOf(AvlPacket.class, TeltonikaDecoder.decode(ONE_RECORD)).records().get(0);
    AvlRecord record = packet.records().get(0);
    assertEquals(Map.of(5, "000102030405060708090a0b0c0d0e0f"), record.ioVariable());
    assertEquals(plain.io(), record.io());
    assertEquals(plain.timestamp(), record.timestamp());
  }

  @Test
  void rejectsUnknownCodec() {
    CorruptPacket packet = corrupt(TestFrames.withDataByte(ONE_RECORD, 0, 0x07));

    assertEquals("unknown-codec", packet.reason());
    assertEquals("codec id 0x07 is not one of 08, 8E, 10, 0C, 0D, 0E, 0F", packet.detail());
  }

  @Test
  void decodesAPacketWithoutRecordsAsAnEmptyPacket() {
    assertEquals(new AvlPacket(AvlPacket.CODEC_8, List.of()),
        TeltonikaDecoder.decode(TestFrames.dataFrame(new byte[] {0x08, 0, 0})));
  }

  @Test
  void decodesSouthWestCoordinatesAndNegativeAltitude() {
    byte[] frame = AvlFrameWriter.frame(AvlFrameWriter.CODEC_8,
        List.of(sample(-581_234_567, -345_678_901, -25, List.of(), Map.of())));

    AvlRecord record = ((AvlPacket) TeltonikaDecoder.decode(frame)).records().get(0);

    assertEquals(-58.1234567, record.longitude());
    assertEquals(-34.5678901, record.latitude());
    assertEquals(-25, record.altitude());
  }

  @Test
  void keepsIoValuesUnsignedAsSent() {
    byte[] frame = AvlFrameWriter.frame(AvlFrameWriter.CODEC_8, List.of(sample(0, 0, 0,
        List.of(new Io(1, 1, 0xFF), new Io(2, 2, 0xFFFF), new Io(3, 4, 0xFFFF_FFFFL),
            new Io(4, 8, -1L)),
        Map.of())));

    AvlRecord record = ((AvlPacket) TeltonikaDecoder.decode(frame)).records().get(0);

    assertEquals(Map.of(1, 255L, 2, 65_535L, 3, 4_294_967_295L, 4, -1L), record.io());
  }

  @Test
  void decodesCodec8ExtendedVariableLengthIoAsHex() {
    byte[] frame = AvlFrameWriter.frame(AvlFrameWriter.CODEC_8E, List.of(sample(0, 0, 0,
        List.of(new Io(0x1234, 2, 7)), Map.of(385, new byte[] {0x01, (byte) 0xAB}, 386,
            new byte[0]))));

    AvlRecord record = ((AvlPacket) TeltonikaDecoder.decode(frame)).records().get(0);

    assertEquals(Map.of(0x1234, 7L), record.io());
    assertEquals(Map.of(385, "01ab", 386, ""), record.ioVariable());
  }

  @Test
  void decodesFromADirectByteBuffer() {
    ByteBuffer direct = ByteBuffer.allocateDirect(ONE_RECORD.length).put(ONE_RECORD).flip();

    assertEquals(TeltonikaDecoder.decode(ONE_RECORD), TeltonikaDecoder.decode(direct));
  }

  @Test
  void rejectsLoginWithNonDigitImei() {
    byte[] login = TestFrames.concat(new byte[] {0, 15},
        "35630704244101X".getBytes(StandardCharsets.US_ASCII));

    assertEquals("bad-imei", malformed(login).reason());
  }

  @Test
  void rejectsLoginDeclaringMoreThanTwentyDigits() {
    byte[] login = TestFrames.concat(new byte[] {0, 21}, "1".repeat(21).getBytes(
        StandardCharsets.US_ASCII));

    assertEquals("bad-login-length", malformed(login).reason());
  }

  @Test
  void rejectsLoginWhoseLengthDisagreesWithItsBytes() {
    byte[] login = TestFrames.concat(new byte[] {0, 15}, "1234".getBytes(
        StandardCharsets.US_ASCII));

    assertEquals("length-mismatch", malformed(login).reason());
  }

  @Test
  void rejectsDataFrameWhoseDeclaredLengthDisagreesWithItsBytes() {
    byte[] frame = TestFrames.concat(ONE_RECORD, new byte[] {0});

    assertEquals("length-mismatch", malformed(frame).reason());
  }

  @Test
  void rejectsDataFrameWithoutZeroPreamble() {
    byte[] frame = ONE_RECORD.clone();
    frame[3] = 1;

    assertEquals("bad-preamble", malformed(frame).reason());
  }

  @Test
  void decodesCodec14ImeiMismatchAnswer() {
    byte[] data = HexFormat.of().parseHex("0E011100000008035209308145225101");

    assertEquals(DeviceResponse.text(DeviceResponse.CODEC_14, DeviceResponse.TYPE_IMEI_MISMATCH,
        "352093081452251", ""), TeltonikaDecoder.decode(TestFrames.dataFrame(data)));
  }

  @Test
  void decodesCodec13ResponseWithoutItsTimestamp() {
    // type 06, size 7 = 4-byte timestamp + "OK!"
    byte[] data = HexFormat.of().parseHex("0D0106000000075D2C7A104F4B2101");

    assertEquals(new DeviceResponse(DeviceResponse.CODEC_13, DeviceResponse.TYPE_RESPONSE, null,
        java.time.Instant.ofEpochSecond(0x5D2C7A10L), "OK!", null), TeltonikaDecoder.decode(TestFrames.dataFrame(data)));
  }

  @Test
  void rejectsResponseWhoseSizeRunsPastTheFrame() {
    byte[] data = HexFormat.of().parseHex("0C0106000000FF4F4B01");

    assertEquals("truncated-record", corrupt(TestFrames.dataFrame(data)).reason());
  }

  @Test
  void rejectsCodec14ImeiThatIsNotBcd() {
    byte[] data = HexFormat.of().parseHex("0E01060000000A0352093081452A514F4B01");

    assertEquals("bad-imei", corrupt(TestFrames.dataFrame(data)).reason());
  }

  @Test
  void decodesCameraFramesOfCodec12Type0D() {
    // part 01: photo 0x598493ED of 5000 bytes announced
    assertEquals(new CameraFrame(CameraFrame.PART_START, 0x598493EDL, 5000, 0, 0, "01598493ed00001388"),
        TeltonikaDecoder.decode(TestFrames.dataFrame(HexFormat.of().parseHex("0C010D0000000901598493ED0000138801"))));
    // part 02: 3 bytes of it from offset 2048
    assertEquals(new CameraFrame(CameraFrame.PART_DATA, 0x598493EDL, 0, 2048, 3, "02598493ed000008000003ffd8ff"),
        TeltonikaDecoder.decode(TestFrames.dataFrame(
            HexFormat.of().parseHex("0C010D0000000E02598493ED000008000003FFD8FF01"))));
  }

  @Test
  void aCameraFrameShorterThanItsPartIsStillACameraFrameNeverCorrupt() {
    // the start of a photo without its size (a capture in a public parser's test suite)
    assertEquals(new CameraFrame(CameraFrame.PART_START, 0, 0, 0, 0, "01598493ed"),
        TeltonikaDecoder.decode(TestFrames.dataFrame(HexFormat.of().parseHex("0C010D0000000501598493ED01"))));
  }

  @Test
  void decodesCodec15WithItsTimeImeiAndText() {
    // Teltonika's Codec 15 example: "Hello!\n" from IMEI 123456789123456
    assertEquals(new DeviceResponse(DeviceResponse.CODEC_15, 0x0B, "123456789123456",
            java.time.Instant.ofEpochSecond(1_699_440_036L), "Hello!\n", null),
        TeltonikaDecoder.decode(HexFormat.of().parseHex(
            "000000000000001b0f010b00000013654b65a4012345678912345648656c6c6f210a01000093d6")));
  }
}
