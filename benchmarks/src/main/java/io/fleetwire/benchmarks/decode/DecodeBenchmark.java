package io.fleetwire.benchmarks.decode;

import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.DeviceMessage;
import io.fleetwire.front.teltonika.TeltonikaDecoder;
import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode throughput of {@link TeltonikaDecoder} on Codec 8 and 8 Extended frames of 1, 10 and 50
 * records shaped like an FMB tracker's periodic record (GPS fix, 13 IO elements of all sizes).
 * The {@code records} counter is records decoded per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class DecodeBenchmark {

  @Param({"8", "8E"})
  public String codec;

  @Param({"1", "10", "50"})
  public int recordsPerFrame;

  private byte[] frame;

  /** Records decoded, reported by JMH as a rate next to the frame rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class RecordCount {
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
      records = 0;
    }
  }

  @Setup
  public void buildFrame() {
    int codecId = "8E".equals(codec) ? AvlFrameWriter.CODEC_8E : AvlFrameWriter.CODEC_8;
    long start = 1_700_000_000_000L;
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < recordsPerFrame; i++) {
      samples.add(periodicRecord(start + i * 10_000L, i));
    }
    frame = AvlFrameWriter.frame(codecId, samples);
    if (!(TeltonikaDecoder.decode(frame) instanceof AvlPacket)) {
      throw new IllegalStateException("benchmark frame does not decode to an AVL packet");
    }
  }

  @Benchmark
  public DeviceMessage decode(RecordCount count) {
    DeviceMessage message = TeltonikaDecoder.decode(frame);
    count.records += recordsPerFrame;
    return message;
  }

  private static Sample periodicRecord(long timestamp, int i) {
    List<Io> io = List.of(
        new Io(239, 1, 1), new Io(240, 1, 1), new Io(21, 1, 4), new Io(200, 1, 0),
        new Io(69, 1, 1), new Io(1, 1, 0),
        new Io(66, 2, 12_850 + i), new Io(67, 2, 4_012), new Io(24, 2, 57 + i % 20),
        new Io(72, 2, 215),
        new Io(16, 4, 1_523_117 + i * 150L), new Io(199, 4, 150),
        new Io(78, 8, 0x1234_5678_9ABCL));
    return new Sample(timestamp, 1, 251_234_567 + i * 100, 546_789_012 - i * 70, 112, 270, 11,
        57, 0, 0, io, Map.of());
  }
}
