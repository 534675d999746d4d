package io.fleetwire.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Fails a test run on a Netty leak report: its {@link RecordingLeakDetectorFactory} records every
 * leak the (paranoid) detectors find, and {@link #assertNoLeaks()} collects garbage, makes the
 * detectors report and throws if anything leaked.
 */
public final class LeakGuard {
  private static final int GC_ROUNDS = 3;
  private static final long GC_PAUSE_MILLIS = 20;
  private static LeakGuard global;

  private final RecordingLeakDetectorFactory factory;

  public LeakGuard(RecordingLeakDetectorFactory factory) {
    this.factory = factory;
  }

  /**
   * The guard whose factory Netty uses. It must be installed before Netty creates its ByteBuf
   * detector (class initialisation of the first buffer); {@link LeakGuardSessionListener} does it
   * when the test launcher starts.
   */
  public static synchronized LeakGuard global() {
    if (global == null) {
      RecordingLeakDetectorFactory factory = new RecordingLeakDetectorFactory();
      ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(factory);
      global = new LeakGuard(factory);
    }
    return global;
  }

  public RecordingLeakDetectorFactory factory() {
    return factory;
  }

  /** Throws an {@link AssertionError} naming every leak reported since the last check. */
  public void assertNoLeaks() {
    for (int round = 0; round < GC_ROUNDS; round++) {
      System.gc();
      try {
        Thread.sleep(GC_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      factory.reportCollected();
    }
    List<LeakReport> leaks = factory.drainLeaks();
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " Netty resource leak(s) reported:\n"
          + leaks.stream().map(l -> "LEAK " + l.resourceType() + "\n" + l.records())
              .collect(Collectors.joining("\n")));
    }
  }

  /** Fails when Netty's ByteBuf detector predates the guard, since its leaks would go unseen. */
  void assertWatchingByteBufs() {
    ByteBuf probe = UnpooledByteBufAllocator.DEFAULT.buffer(1);
    probe.release();
    if (!factory.watches(ByteBuf.class)) {
      throw new AssertionError("Netty created its ByteBuf leak detector before the leak guard "
          + "was installed; register LeakGuardSessionListener so ByteBuf leaks fail the build");
    }
  }
}
