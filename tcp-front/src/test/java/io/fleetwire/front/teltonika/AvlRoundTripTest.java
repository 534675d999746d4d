package io.fleetwire.front.teltonika;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fleetwire.contract.RecordId;
import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Frames written by the test-side encoder decode back to exactly the fields written. */
class AvlRoundTripTest {

  @Property(tries = 100)
  void codec8RecordsRoundTrip(@ForAll("codec8") List<Sample> samples) {
    assertRoundTrip(AvlFrameWriter.CODEC_8, samples);
  }

  @Property(tries = 100)
  void codec8ExtendedRecordsWithVariableLengthIoRoundTrip(@ForAll("codec8e") List<Sample> samples) {
    assertRoundTrip(AvlFrameWriter.CODEC_8E, samples);
  }

  @Property(tries = 100)
  void codec16RecordsRoundTrip(@ForAll("codec16") List<Sample> samples) {
    assertRoundTrip(AvlFrameWriter.CODEC_16, samples);
  }

  @Provide
  Arbitrary<List<Sample>> codec8() {
    return AvlSamples.records(AvlFrameWriter.CODEC_8);
  }

  @Provide
  Arbitrary<List<Sample>> codec8e() {
    return AvlSamples.records(AvlFrameWriter.CODEC_8E);
  }

  @Provide
  Arbitrary<List<Sample>> codec16() {
    return AvlSamples.records(AvlFrameWriter.CODEC_16);
  }

  private static void assertRoundTrip(int codec, List<Sample> samples) {
    AvlPacket packet = assertInstanceOf(AvlPacket.class,
        TeltonikaDecoder.decode(AvlFrameWriter.frame(codec, samples)));

    assertEquals(codec, packet.codec());
    assertEquals(samples.size(), packet.records().size());
    for (int i = 0; i < samples.size(); i++) {
      assertRecord(codec, samples.get(i), packet.records().get(i));
    }
  }

  private static void assertRecord(int codec, Sample s, AvlRecord r) {
    assertEquals(Instant.ofEpochMilli(s.timestampMillis()), r.timestamp());
    assertEquals(s.priority(), r.priority());
    assertEquals(s.longitudeE7() / 1e7, r.longitude());
    assertEquals(s.latitudeE7() / 1e7, r.latitude());
    assertEquals(s.altitude(), r.altitude());
    assertEquals(s.angle(), r.angle());
    assertEquals(s.satellites(), r.satellites());
    assertEquals(s.speed(), r.speed());
    assertEquals(s.eventId(), r.eventId());
    assertEquals(codec == AvlFrameWriter.CODEC_16 ? s.generationType() : null,
        r.generationType());
    Map<Integer, Long> io = new TreeMap<>();
    for (Io value : s.io()) {
      io.put(value.id(), value.value());
    }
    assertEquals(io, r.io());
    Map<Integer, String> variable = new TreeMap<>();
    s.variable().forEach((id, bytes) -> variable.put(id, HexFormat.of().formatHex(bytes)));
    assertEquals(variable, r.ioVariable());
    byte[] wire = AvlFrameWriter.record(codec, s);
    assertEquals(RecordId.fingerprint(wire, 0, wire.length), r.fingerprint());
  }
}
