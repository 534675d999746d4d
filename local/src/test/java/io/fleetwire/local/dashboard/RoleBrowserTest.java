package io.fleetwire.local.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The page offers only what the caller's role may do: a viewer gets neither the command form nor
 * the alert-rule form, an admin gets both.
 */
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

  private static void openOnceTheRoleIsKnown(RunningStack stack, String query) {
    browser.viewport(1280, 800);
    browser.open(stack.url("/api/health"));
    browser.script("sessionStorage.clear()");
    DashboardPage.open(browser, stack.url("/?tiles=none" + query));
    browser.waitUntil("the page asked for its role", driver -> Boolean.TRUE.equals(browser.script(
        "return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/me'))")) ? true : null);
    // the answer is applied right after it arrives
    browser.script("return new Promise((done) => setTimeout(done, 200))");
  }

  private static Object commandFormHidden() {
    return browser.script("return document.getElementById('command-form').hidden");
  }

  private static Object ruleFormShown() {
    return browser.script("return getComputedStyle(document.getElementById('rule-form')).display !== 'none'");
  }

  @Test
  void viewerSeesNeitherCommandNorRuleForm() {
    openOnceTheRoleIsKnown(viewerStack, "&token=" + VIEWER_TOKEN);
    assertEquals(Boolean.TRUE, commandFormHidden());
    assertEquals(Boolean.FALSE, ruleFormShown());
  }

  @Test
  void adminSeesBothForms() {
    openOnceTheRoleIsKnown(adminStack, "");
    assertEquals(Boolean.FALSE, commandFormHidden());
    assertEquals(Boolean.TRUE, ruleFormShown());
  }
}
