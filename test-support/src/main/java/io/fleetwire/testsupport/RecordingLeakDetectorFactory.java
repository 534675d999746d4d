package io.fleetwire.testsupport;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Creates {@link RecordingLeakDetector}s that all record into this factory's leak list. */
public final class RecordingLeakDetectorFactory extends ResourceLeakDetectorFactory {
  private final List<RecordingLeakDetector<?>> detectors = new CopyOnWriteArrayList<>();
  private final List<LeakReport> leaks = new CopyOnWriteArrayList<>();

  @Override
  public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource,
      int samplingInterval, long maxActive) {
    RecordingLeakDetector<T> detector =
        new RecordingLeakDetector<>(resource, samplingInterval, leaks::add);
    detectors.add(detector);
    return detector;
  }

  /** Whether a detector for this resource type was created here (and so records its leaks). */
  public boolean watches(Class<?> resource) {
    return detectors.stream().anyMatch(d -> d.resourceType().equals(resource.getSimpleName()));
  }

  /** Makes every detector report what the garbage collector found so far. */
  void reportCollected() {
    detectors.forEach(RecordingLeakDetector::reportCollected);
  }

  /** The leaks recorded since the last call. */
  List<LeakReport> drainLeaks() {
    List<LeakReport> drained = new ArrayList<>(leaks);
    leaks.removeAll(drained);
    return drained;
  }
}
