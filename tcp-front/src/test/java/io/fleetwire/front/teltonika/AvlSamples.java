package io.fleetwire.front.teltonika;

import io.fleetwire.testsupport.AvlFrameWriter;
import io.fleetwire.testsupport.AvlFrameWriter.Io;
import io.fleetwire.testsupport.AvlFrameWriter.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random AVL records within each codec's field widths, for property tests. */
final class AvlSamples {
  private static final int MAX_IO = 16;
  private static final int MAX_NX = 3;

  private AvlSamples() {
  }

  static Arbitrary<List<Sample>> records(int codec) {
    return sample(codec).list().ofMinSize(1).ofMaxSize(6);
  }

  /** A whole valid frame of random records in one of the AVL codecs. */
  static Arbitrary<byte[]> avlFrames() {
    return Arbitraries.of(AvlFrameWriter.CODEC_8, AvlFrameWriter.CODEC_8E, AvlFrameWriter.CODEC_16)
        .flatMap(codec -> records(codec).map(samples -> AvlFrameWriter.frame(codec, samples)));
  }

  static Arbitrary<Sample> sample(int codec) {
    int idMax = codec == AvlFrameWriter.CODEC_8 ? 0xFF : 0xFFFF;
    Arbitrary<List<Long>> scalars = Combinators.combine(List.of(
        Arbitraries.longs(),
        unsigned(1),
        Arbitraries.integers().map(Integer::longValue),
        Arbitraries.integers().map(Integer::longValue),
        Arbitraries.longs().between(Short.MIN_VALUE, Short.MAX_VALUE),
        unsigned(2),
        unsigned(1),
        unsigned(2),
        Arbitraries.longs().between(0, idMax),
        unsigned(1))).as(values -> values);
    Arbitrary<List<Io>> io = Combinators.combine(
        Arbitraries.integers().between(0, idMax).list().uniqueElements().ofMaxSize(MAX_IO),
        sizedValue().list().ofSize(MAX_IO)).as(AvlSamples::ioValues);
    Arbitrary<Map<Integer, byte[]>> variable = codec == AvlFrameWriter.CODEC_8E
        ? Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF).list().uniqueElements().ofMaxSize(MAX_NX),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofSize(MAX_NX))
            .as(AvlSamples::variableValues)
        : Arbitraries.just(Map.of());
    return Combinators.combine(scalars, io, variable).as((s, values, nx) -> new Sample(
        s.get(0), s.get(1).intValue(), s.get(2).intValue(), s.get(3).intValue(),
        s.get(4).intValue(), s.get(5).intValue(), s.get(6).intValue(), s.get(7).intValue(),
        s.get(8).intValue(), codec == AvlFrameWriter.CODEC_16 ? s.get(9).intValue() : 0,
        values, nx));
  }

  private static Arbitrary<Long> unsigned(int bytes) {
    return bytes == 8 ? Arbitraries.longs() : Arbitraries.longs().between(0, (1L << (8 * bytes)) - 1);
  }

  /** A value size (1, 2, 4 or 8 bytes) and a value that fits it, as {size, value}. */
  private static Arbitrary<long[]> sizedValue() {
    return Combinators.combine(Arbitraries.of(1, 2, 4, 8), Arbitraries.longs())
        .as((size, raw) -> new long[] {size, size == 8 ? raw : raw & ((1L << (8 * size)) - 1)});
  }

  private static List<Io> ioValues(List<Integer> ids, List<long[]> values) {
    List<Io> io = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      io.add(new Io(ids.get(i), (int) values.get(i)[0], values.get(i)[1]));
    }
    return io;
  }

  private static Map<Integer, byte[]> variableValues(List<Integer> ids, List<byte[]> bytes) {
    Map<Integer, byte[]> values = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      values.put(ids.get(i), bytes.get(i));
    }
    return values;
  }
}
