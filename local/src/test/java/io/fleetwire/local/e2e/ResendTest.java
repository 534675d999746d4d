package io.fleetwire.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.contract.Record;
import io.fleetwire.local.LocalStack;
import io.fleetwire.simulator.teltonika.AvlEncoder;
import io.fleetwire.simulator.teltonika.Codec;
import io.fleetwire.simulator.teltonika.EncodedRecord;
import io.fleetwire.simulator.teltonika.IoValue;
import io.fleetwire.simulator.teltonika.TrackerRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device that does not see an ack sends the same bytes again: the store keeps one copy. */
class ResendTest {
  private static final String IMEI = "356307042441013";

  @TempDir
  Path data;

  @Test
  void sameFrameSentFiveTimesIsStoredOnce() throws Exception {
    long ts = Instant.now().minusSeconds(60).toEpochMilli();
    List<EncodedRecord> records = List.of(
        EncodedRecord.encode(IMEI, Codec.CODEC_8E, record(ts, 12)),
        EncodedRecord.encode(IMEI, Codec.CODEC_8E, record(ts + 1_000, 14)));
    byte[] frame = AvlEncoder.frameOf(Codec.CODEC_8E, records);
    try (LocalStack stack = LocalStack.start(StackConfigs.open(data))) {
      try (RawDevice device = new RawDevice(stack.tcpPort())) {
        assertEquals(1, device.login(IMEI));
        for (int attempt = 1; attempt <= 5; attempt++) {
          assertEquals(2, device.send(frame), "ack of attempt " + attempt);
        }
      }
      List<Record> stored = new StackClient(stack.httpPort()).allPositions(IMEI);
      assertEquals(records.stream().map(r -> SentValues.sent(r.toContractRecord())).toList(),
          stored.stream().map(SentValues::stored).toList());
    }
  }

  private static TrackerRecord record(long ts, int speed) {
    return new TrackerRecord(ts, 0, 250_000_000, 546_000_000, 120, 90, 9, speed, 0, 0,
        List.of(new IoValue(239, 1, 1), new IoValue(66, 2, 12_800)), List.of());
  }
}
