package io.fleetwire.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;

import java.util.function.Consumer;

/**
 * Netty's leak detector that, besides logging, hands every leak report to a sink so that a test
 * run can fail on it. Reports regardless of the logger's level.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
  private final String resourceType;
  private final Consumer<LeakReport> sink;

  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval,
      Consumer<LeakReport> sink) {
    super(resourceType, samplingInterval);
    this.resourceType = resourceType.getSimpleName();
    this.sink = sink;
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String type, String records) {
    sink.accept(new LeakReport(type, records));
    super.reportTracedLeak(type, records);
  }

  @Override
  protected void reportUntracedLeak(String type) {
    sink.accept(new LeakReport(type, ""));
    super.reportUntracedLeak(type);
  }

  String resourceType() {
    return resourceType;
  }

  /**
   * Netty reports collected leaks only when it tracks a new resource; track (and close) a probe so
   * that everything the garbage collector has enqueued gets reported now.
   */
  @SuppressWarnings("unchecked")
  void reportCollected() {
    T probe = (T) new Object();
    ResourceLeakTracker<T> tracker = trackForcibly(probe);
    tracker.close(probe);
  }
}
