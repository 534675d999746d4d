package io.fleetwire.front.loopback;

import static io.fleetwire.front.loopback.LoopbackFront.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.simulator.Imei;
import io.fleetwire.simulator.Simulation;
import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import io.fleetwire.testsupport.LeakGuard;
import io.fleetwire.testsupport.RecordingPublisher;
import io.fleetwire.testsupport.RecordingPublisher.Mode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Hostile bytes over a real socket after a valid login: whatever arrives, the front never answers
 * a bad frame with a non-zero ack, never publishes it, and keeps acking a well-behaved simulated
 * device on the same port.
 */
class HostileTrafficLoopbackTest {
  private static final String IMEI_PREFIX = "35630704";
  private static final String HOSTILE_IMEI = Imei.of(IMEI_PREFIX, 999_990);
  private static final String HONEST_RAW_IMEI = Imei.of(IMEI_PREFIX, 999_991);
  /** Preamble and data length come before the CRC-covered data; the 4-byte CRC after it. */
  private static final int DATA_OFFSET = 8;
  private static final int CRC_BYTES = 4;
  private static final int LENGTH_OFFSET = 4;

  private static RecordingPublisher publisher;
  private static LoopbackFront front;
  private static Simulation wellBehaved;

  @BeforeContainer
  static void startFrontAndAWellBehavedDevice() {
    publisher = new RecordingPublisher(Mode.SUCCEED);
    front = LoopbackFront.start(publisher);
    wellBehaved = new Simulation(front.fleet().devices(2).interval(Duration.ofMillis(20))
        .keepAckedRecords(false).build());
    wellBehaved.start();
  }

  @AfterContainer
  static void stopAndCheckForLeaks() {
    wellBehaved.close();
    front.close();
    LeakGuard.global().assertNoLeaks();
  }

  @Property(tries = 40)
  void randomBytesAreNeverAcked(@ForAll @Size(max = 2048) byte[] garbage) throws Exception {
    assertNeverAckedWhileTheFrontServesOthers(garbage);
  }

  /** One byte changed inside the CRC-covered data: CRC-16 detects every error burst up to 16 bits. */
  @Property(tries = 40)
  void framesWithACorruptedByteAreNeverAcked(
      @ForAll @Size(min = 1, max = 4) List<@From("corruptedFrames") byte[]> frames) throws Exception {
    assertNeverAckedWhileTheFrontServesOthers(concat(frames));
  }

  @Property(tries = 40)
  void truncatedOrOverlongFramesAreNeverAcked(@ForAll("incompleteFrames") byte[] frame) throws Exception {
    assertNeverAckedWhileTheFrontServesOthers(frame);
  }

  /** The harness sees acks when there are some: a valid frame on the same path is acked in full. */
  @Example
  void validFrameOverARawSocketIsAckedWithItsRecordCount() throws Exception {
    byte[] frame = AvlFrameWriter.frame(AvlFrameWriter.CODEC_8, List.of(
        new Sample(1_700_000_000_000L, 0, 250_000_000, 546_000_000, 120, 90, 7, 50, 0, 0,
            List.of(new Io(239, 1, 1)), Map.of()),
        new Sample(1_700_000_001_000L, 0, 250_000_100, 546_000_100, 121, 91, 7, 51, 0, 0,
            List.of(new Io(239, 1, 1)), Map.of())));
    try (RawDevice device = RawDevice.connect(front.port())) {
      assertEquals(1, device.login(HONEST_RAW_IMEI));
      device.send(frame);

      assertArrayEquals(new byte[] {0, 0, 0, 2}, device.hangUpAndCollectReplies());
    }
  }

  private static void assertNeverAckedWhileTheFrontServesOthers(byte[] stream) throws Exception {
    long ackedBefore = wellBehaved.stats().recordsAcked();
    byte[] replies;
    try (RawDevice device = RawDevice.connect(front.port())) {
      assertEquals(1, device.login(HOSTILE_IMEI));
      device.sendUnlessClosed(stream);
      replies = device.hangUpAndCollectReplies();
    }
    for (int i = 0; i < replies.length; i++) {
      // After the login answer the front may only send zero acks (or 00 to a second login).
      assertEquals(0, replies[i], "non-zero reply byte " + i + " in " + HexFormat.of().formatHex(replies));
    }
    assertEquals(List.of(), publisher.batches().stream().map(TelemetryBatch::imei)
        .filter(HOSTILE_IMEI::equals).toList(), "a bad frame was published");
    eventually("the well-behaved device is acked after the hostile connection",
        () -> wellBehaved.stats().recordsAcked() > ackedBefore);
  }

  @Provide
  Arbitrary<byte[]> corruptedFrames() {
    return validFrames().flatMap(frame -> Combinators.combine(
            Arbitraries.integers().between(DATA_OFFSET, frame.length - CRC_BYTES - 1),
            Arbitraries.integers().between(1, 255))
        .as((position, mask) -> {
          byte[] corrupted = frame.clone();
          corrupted[position] ^= mask.byteValue();
          return corrupted;
        }));
  }

  /** Cut short (the device hangs up mid-frame) or declaring more data than it carries. */
  @Provide
  Arbitrary<byte[]> incompleteFrames() {
    Arbitrary<byte[]> truncated = validFrames().flatMap(frame -> Arbitraries.integers()
        .between(1, frame.length - 1).map(cut -> Arrays.copyOf(frame, cut)));
    Arbitrary<byte[]> overlong = validFrames().flatMap(frame -> Arbitraries.integers()
        .between(1, 2 * 65_536).map(extra -> {
          byte[] lying = frame.clone();
          ByteBuffer.wrap(lying).putInt(LENGTH_OFFSET, frame.length - DATA_OFFSET - CRC_BYTES + extra);
          return lying;
        }));
    return Arbitraries.oneOf(truncated, overlong);
  }

  private static Arbitrary<byte[]> validFrames() {
    return Arbitraries.of(AvlFrameWriter.CODEC_8, AvlFrameWriter.CODEC_8E, AvlFrameWriter.CODEC_16)
        .flatMap(codec -> sample(codec).list().ofMinSize(1).ofMaxSize(4)
            .map(samples -> AvlFrameWriter.frame(codec, samples)));
  }

  private static Arbitrary<Sample> sample(int codec) {
    int maxIoId = codec == AvlFrameWriter.CODEC_8 ? 0xFF : 0xFFFF;
    Arbitrary<Io> io = Combinators.combine(Arbitraries.integers().between(1, maxIoId),
            Arbitraries.of(1, 2, 4, 8), Arbitraries.longs())
        .as((id, size, raw) -> new Io(id, size, size == 8 ? raw : raw & ((1L << (8 * size)) - 1)));
    Arbitrary<Map<Integer, byte[]>> variable = codec == AvlFrameWriter.CODEC_8E
        ? Arbitraries.maps(Arbitraries.integers().between(1, 0xFFFF),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(16)).ofMaxSize(2)
        : Arbitraries.just(Map.of());
    return Combinators.combine(
            Arbitraries.longs().between(1_500_000_000_000L, 2_000_000_000_000L),
            Arbitraries.integers().between(-1_800_000_000, 1_800_000_000),
            Arbitraries.integers().between(-900_000_000, 900_000_000),
            Arbitraries.integers().between(0, 300),
            Arbitraries.integers().between(0, Math.min(maxIoId, 0xFF)),
            io.list().uniqueElements(Io::id).ofMaxSize(6),
            variable)
        .as((ts, lon, lat, speed, event, values, nx) -> new Sample(ts, 1, lon, lat, 200, 180, 9, speed,
            event, 0, values, nx));
  }

  private static byte[] concat(List<byte[]> parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return out.toByteArray();
  }
}
