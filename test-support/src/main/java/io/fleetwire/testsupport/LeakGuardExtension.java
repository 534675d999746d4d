package io.fleetwire.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test class, fails if Netty reported a leak. Registered automatically (service file)
 * in every module whose {@code junit-platform.properties} enables extension autodetection.
 */
public final class LeakGuardExtension implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    LeakGuard.global().assertWatchingByteBufs();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    LeakGuard.global().assertNoLeaks();
  }
}
