package io.fleetwire.front.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.front.teltonika.KeepAlive;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

class LoginDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final EmbeddedChannel channel = new EmbeddedChannel(new LoginDeadline(TIMEOUT, new FrontMetrics(meters)));

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  private void advance(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
  }

  private double loginTimeouts() {
    return meters.counter("fleetwire.rejects", "reason", "login-timeout").count();
  }

  @Test
  void silentConnectionIsClosedAtTheLoginDeadline() {
    advance(29);
    assertTrue(channel.isOpen(), "still within the deadline");

    advance(1);

    assertFalse(channel.isOpen());
    assertEquals(1, loginTimeouts());
  }

  @Test
  void keepAlivesBeforeLoginDoNotExtendTheDeadline() {
    for (int i = 0; i < 6; i++) {
      channel.writeInbound(KeepAlive.INSTANCE);
      advance(5);
    }

    assertFalse(channel.isOpen());
    assertEquals(1, loginTimeouts());
  }

  @Test
  void loginCancelsTheDeadlineAndIsPassedOn() {
    advance(10);
    channel.writeInbound(new ImeiLogin("356307042441013"));

    advance(TIMEOUT.toSeconds() * 10);

    assertTrue(channel.isOpen());
    assertEquals(new ImeiLogin("356307042441013"), channel.readInbound());
    assertEquals(0, loginTimeouts());
  }
}
