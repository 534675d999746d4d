package io.fleetwire.benchmarks.decode;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * How much of one CPU the benchmark JVM actually got in each iteration (process CPU time over wall
 * time). On a machine shared with other work, a throughput divided by this share is the rate per
 * CPU-second, i.e. per core. Use with {@code -prof io.fleetwire.benchmarks.decode.CpuShareProfiler}.
 */
public class CpuShareProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "share of one CPU the benchmark process received during each iteration";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    double share = (os.getProcessCpuTime() - cpuStart) / (double) (System.nanoTime() - wallStart);
    return List.of(new ScalarResult("cpu.share", share, "cpus", AggregationPolicy.AVG));
  }
}
