package io.fleetwire.front.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Default connection limits leave the process descriptors for its files. */
class OpenFilesTest {

  @Test
  void budgetKeepsATenthOrAtLeast256Back() {
    assertEquals(18_000, OpenFiles.connectionBudget(20_000));
    assertEquals(768, OpenFiles.connectionBudget(1_024));
    assertEquals(1, OpenFiles.connectionBudget(100));
  }

  @Test
  void defaultLimitsStayBelowThisProcesssOpenFilesLimit() {
    assertTrue(ConnectionLimits.defaults().maxConnections() < OpenFiles.limit(),
        ConnectionLimits.defaults().maxConnections() + " connections allowed with an open-files limit of "
            + OpenFiles.limit());
  }
}
