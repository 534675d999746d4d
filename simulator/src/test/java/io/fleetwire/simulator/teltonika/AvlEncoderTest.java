package io.fleetwire.simulator.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvlEncoderTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private static TrackerRecord noFix(long ts, int priority, int event, int generation,
      List<IoValue> io) {
    return new TrackerRecord(ts, priority, 0, 0, 0, 0, 0, 0, event, generation, io, List.of());
  }

  private static String frame(Codec codec, TrackerRecord... records) {
    return HEX.formatHex(AvlEncoder.frame(codec,
        List.of(records).stream().map(r -> AvlEncoder.record(codec, r)).toList()));
  }

  @Test
  void encodesLoginAsLengthAndAsciiImei() {
    assertEquals("000F333536333037303432343431303133",
        HEX.formatHex(AvlEncoder.login("356307042441013")));
  }

  @Test
  void reproducesCodec8OneRecordExample() {
    TrackerRecord record = noFix(0x16B40D8EA30L, 1, 1, 0, List.of(
        new IoValue(21, 1, 3), new IoValue(1, 1, 1), new IoValue(66, 2, 24079),
        new IoValue(241, 4, 24602), new IoValue(78, 8, 0)));
    assertEquals(DocExamples.hex("codec8-1record"), frame(Codec.CODEC_8, record));
  }

  @Test
  void reproducesCodec8TwoRecordExample() {
    TrackerRecord first = noFix(0x16B40D57B48L, 1, 1, 0, List.of(new IoValue(1, 1, 0)));
    TrackerRecord second = noFix(0x16B40D5C198L, 1, 1, 0, List.of(new IoValue(1, 1, 1)));
    assertEquals(DocExamples.hex("codec8-2records"), frame(Codec.CODEC_8, first, second));
  }

  @Test
  void reproducesCodec8ExtendedExample() {
    TrackerRecord record = noFix(0x16B412CEE00L, 1, 1, 0, List.of(
        new IoValue(1, 1, 1), new IoValue(17, 2, 29), new IoValue(16, 4, 22949000),
        new IoValue(11, 8, 893700218), new IoValue(14, 8, 500686954)));
    assertEquals(DocExamples.hex("codec8e-1record"), frame(Codec.CODEC_8E, record));
  }

  @Test
  void reproducesCodec16Example() {
    TrackerRecord first = noFix(0x16BDBC78330L, 0, 11, 5, List.of(new IoValue(1, 1, 0),
        new IoValue(3, 1, 0), new IoValue(11, 2, 39), new IoValue(66, 2, 22074)));
    TrackerRecord second = noFix(0x16BDBC78718L, 0, 11, 5, List.of(new IoValue(1, 1, 0),
        new IoValue(3, 1, 0), new IoValue(11, 2, 38), new IoValue(66, 2, 22074)));
    assertEquals(DocExamples.hex("codec16-2records"), frame(Codec.CODEC_16, first, second));
  }

  @Test
  void writesVariableLengthGroupInCodec8Extended() {
    TrackerRecord record = new TrackerRecord(1L, 0, 0, 0, 0, 0, 0, 0, 385, 0, List.of(),
        List.of(new VariableIo(385, new byte[] {0x0A, 0x0B})));
    String hex = HEX.formatHex(AvlEncoder.record(Codec.CODEC_8E, record));
    // event 0181, N 0001, four empty fixed groups, NX 0001: id 0181, length 0002, value 0A0B
    assertEquals("0000000000000001" + "00" + "00".repeat(15)
        + "0181" + "0001" + "0000".repeat(4) + "0001" + "0181" + "0002" + "0A0B", hex);
  }

  @Test
  void writesSignedCoordinatesAndAltitudeAsTwosComplement() {
    TrackerRecord record = new TrackerRecord(0L, 0, -1, -2, -3, 0, 0, 0, 0, 0,
        List.of(IoValue.signed(72, 4, -55)), List.of());
    String hex = HEX.formatHex(AvlEncoder.record(Codec.CODEC_8, record));
    assertEquals("0000000000000000" + "00" + "FFFFFFFF" + "FFFFFFFE" + "FFFD" + "0000" + "00"
        + "0000" + "00" + "01" + "00" + "00" + "01" + "48" + "FFFFFFC9" + "00", hex);
  }

  @Test
  void rejectsIoIdThatCodec8CannotCarry() {
    TrackerRecord record = noFix(0L, 0, 0, 0, List.of(new IoValue(300, 1, 1)));
    assertThrows(IllegalArgumentException.class, () -> AvlEncoder.record(Codec.CODEC_8, record));
  }

  @Test
  void rejectsVariableLengthIoOutsideCodec8Extended() {
    TrackerRecord record = new TrackerRecord(0L, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(),
        List.of(new VariableIo(385, new byte[] {1})));
    assertThrows(IllegalArgumentException.class, () -> AvlEncoder.record(Codec.CODEC_16, record));
  }
}
