package io.fleetwire.local.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The page offers only what the caller's role may do: a viewer gets no command form, an admin does. */
@ExtendWith(SharedBrowser.class)
class RoleBrowserTest {
  private static final String VIEWER_TOKEN = "view-only-token";

  private static RunningStack viewerStack;
  private static RunningStack adminStack;
  private static Browser browser;

  @BeforeAll
  static void start(Browser shared) {
    viewerStack = RunningStack.start("viewer:" + VIEWER_TOKEN);
    adminStack = RunningStack.start(null);
    browser = shared;
  }

  @AfterAll
  static void stop() {
    viewerStack.close();
    adminStack.close();
  }

  private static Object formHiddenOnceTheRoleIsKnown(RunningStack stack, String query) {
    browser.viewport(1280, 800);
    browser.open(stack.url("/api/health"));
    browser.script("sessionStorage.clear()");
    DashboardPage.open(browser, stack.url("/?tiles=none" + query));
    browser.waitUntil("the page asked for its role", driver -> Boolean.TRUE.equals(browser.script(
        "return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/me'))")) ? true : null);
    // the answer is applied right after it arrives
    browser.script("return new Promise((done) => setTimeout(done, 200))");
    return browser.script("return document.getElementById('command-form').hidden");
  }

  @Test
  void viewerSeesNoCommandForm() {
    assertEquals(Boolean.TRUE, formHiddenOnceTheRoleIsKnown(viewerStack, "&token=" + VIEWER_TOKEN));
  }

  @Test
  void adminSeesTheCommandForm() {
    assertEquals(Boolean.FALSE, formHiddenOnceTheRoleIsKnown(adminStack, ""));
  }
}
