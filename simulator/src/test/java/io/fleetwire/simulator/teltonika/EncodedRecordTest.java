package io.fleetwire.simulator.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncodedRecordTest {
  private static final String IMEI = "356307042441013";

  private static TrackerRecord record() {
    return new TrackerRecord(1_750_000_000_123L, 1, 252_797_000, 546_872_000, -12, 270, 9, 64,
        247, 6, List.of(new IoValue(247, 1, 1), IoValue.signed(72, 4, -55)),
        List.of(new VariableIo(385, new byte[] {0x0A, 0x0B})));
  }

  @Test
  void idIsComputedOverTheRecordBytesInsideTheFrame() {
    EncodedRecord encoded = EncodedRecord.encode(IMEI, Codec.CODEC_8E, record());
    byte[] frame = AvlEncoder.frameOf(Codec.CODEC_8E, List.of(encoded));
    long fingerprint = RecordId.fingerprint(frame, 10, frame.length - 15);
    assertEquals(RecordId.of(IMEI, Instant.ofEpochMilli(1_750_000_000_123L), fingerprint),
        encoded.id());
  }

  @Test
  void contractRecordCarriesTheValuesSent() {
    Record contract = EncodedRecord.encode(IMEI, Codec.CODEC_8E, record()).toContractRecord();
    assertEquals(IMEI, contract.imei());
    assertEquals(Instant.ofEpochMilli(1_750_000_000_123L), contract.ts());
    assertEquals(54.6872, contract.lat(), 1e-9);
    assertEquals(25.2797, contract.lon(), 1e-9);
    assertEquals(-12, contract.alt());
    assertEquals(270, contract.angle());
    assertEquals(64, contract.speed());
    assertEquals(9, contract.sats());
    assertEquals(1, contract.priority());
    assertEquals(247, contract.event());
    assertNull(contract.generationType());
    assertEquals(Map.of(247, 1L, 72, 0xFFFFFFC9L), contract.io());
    assertEquals(Map.of(385, "0a0b"), contract.ioHex());
  }

  @Test
  void codec16RecordCarriesGenerationType() {
    TrackerRecord plain = new TrackerRecord(1L, 0, 0, 0, 0, 0, 0, 0, 11, 5,
        List.of(new IoValue(1, 1, 0)), List.of());
    assertEquals(5, EncodedRecord.encode(IMEI, Codec.CODEC_16, plain).toContractRecord()
        .generationType());
  }
}
