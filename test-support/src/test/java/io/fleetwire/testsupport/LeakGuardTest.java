package io.fleetwire.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import org.junit.jupiter.api.Test;

class LeakGuardTest {

  /** A resource type of its own, so this deliberate leak never reaches the global guard. */
  static final class IsolatedResource {
  }

  private final RecordingLeakDetectorFactory factory = new RecordingLeakDetectorFactory();
  private final LeakGuard guard = new LeakGuard(factory);
  private final ResourceLeakDetector<IsolatedResource> detector =
      factory.newResourceLeakDetector(IsolatedResource.class, 1, Long.MAX_VALUE);

  @Test
  void failsWhenATrackedResourceIsCollectedWithoutRelease() {
    leakOne();

    AssertionError failure = assertThrows(AssertionError.class, guard::assertNoLeaks);
    assertTrue(failure.getMessage().contains("IsolatedResource"), failure.getMessage());
  }

  @Test
  void passesWhenEveryTrackedResourceIsReleased() {
    IsolatedResource resource = new IsolatedResource();
    ResourceLeakTracker<IsolatedResource> tracker = detector.trackForcibly(resource);
    tracker.close(resource);

    assertDoesNotThrow(guard::assertNoLeaks);
  }

  @Test
  void reportsALeakOnlyOnce() {
    leakOne();
    assertThrows(AssertionError.class, guard::assertNoLeaks);

    assertDoesNotThrow(guard::assertNoLeaks);
  }

  @Test
  void globalGuardWatchesNettyBuffers() {
    assertDoesNotThrow(() -> LeakGuard.global().assertWatchingByteBufs());
  }

  private void leakOne() {
    detector.trackForcibly(new IsolatedResource()).record();
  }
}
