package io.fleetwire.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the leak guard's detector factory when the test launcher opens, before any test engine
 * (Jupiter or jqwik) can touch a Netty buffer.
 */
public final class LeakGuardSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    LeakGuard.global();
  }
}
