package io.fleetwire.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesOfUniformSamplesAreWithinBucketPrecision() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      histogram.recordNanos(ms * 1_000_000L);
    }
    assertEquals(1000, histogram.count());
    assertEquals(500, histogram.percentileMillis(50), 500 * 0.035);
    assertEquals(950, histogram.percentileMillis(95), 950 * 0.035);
    assertEquals(990, histogram.percentileMillis(99), 990 * 0.035);
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.recordNanos(42_000);
    assertEquals(0.042, histogram.percentileMillis(99), 1e-9);
  }

  @Test
  void everyBucketHoldsTheValuesItsBoundsSay() {
    for (long micros = 0; micros < 1_000_000; micros += 7) {
      int index = LatencyHistogram.index(micros);
      long upper = LatencyHistogram.upperBoundMicros(index);
      long lowerOfNext = index == 0 ? 0 : LatencyHistogram.upperBoundMicros(index - 1) + 1;
      assertEquals(true, micros <= upper && micros >= lowerOfNext, "value " + micros);
    }
  }

  @Test
  void emptyHistogramReportsZero() {
    assertEquals(0, new LatencyHistogram().percentileMillis(50));
  }
}
