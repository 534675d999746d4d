package io.fleetwire.front.session;

import static io.fleetwire.front.session.SessionFixtures.IMEI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A device flooding long unsolicited answers fills the stored data, not the log. */
class DeviceTextLoggingTest {
  private static final int FLOOD = 1_000;
  private static final String FORGED = "\n2026-11-26 INFO admin logged in";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger sessionLog = (Logger) LoggerFactory.getLogger(DeviceSession.class);

  private final Level configured = sessionLog.getLevel();

  @AfterEach
  void detach() {
    sessionLog.detachAppender(log);
    sessionLog.setLevel(configured);
  }

  @Test
  void floodOfLongAnswersIsLoggedCutShortAndAFewTimesAMinute() {
    List<DeviceResponse> delivered = new ArrayList<>();
    SessionServices services = SessionFixtures.services(new RecordingPublisher(), DeviceRegistry.open(),
        new SimpleMeterRegistry(), new PublishPermits(10), new DeviceResponseListener() {
          @Override
          public void onResponse(String imei, java.net.SocketAddress remote, DeviceResponse response) {
            delivered.add(response);
          }

          // every frame answers a command here, so each reaches the listener rather than the queue
          @Override
          public boolean awaitsAnswer(String imei) {
            return true;
          }
        });
    EmbeddedChannel channel = new EmbeddedChannel(new DeviceSession(services));
    channel.writeInbound(new ImeiLogin(IMEI));
    channel.readOutbound();
    log.start();
    sessionLog.addAppender(log);
    sessionLog.setLevel(Level.INFO);
    String text = "A".repeat(100_000) + FORGED;

    for (int i = 0; i < FLOOD; i++) {
      channel.writeInbound(DeviceResponse.text(DeviceResponse.CODEC_12, 0x06, null, text));
    }

    List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.contains("device response")).toList();
    assertEquals(DeviceSession.DEVICE_TEXT_LINES_PER_MINUTE, lines.size(), "lines logged for " + FLOOD + " answers");
    for (String line : lines) {
      assertTrue(line.length() < 400, "a log line of " + line.length() + " chars");
      assertFalse(line.contains("\n"), "a device wrote a line break into the log: " + line);
      assertTrue(line.contains("(100032 chars)"), line);
    }
    assertEquals(FLOOD, delivered.size());
    assertEquals(text, delivered.get(FLOOD - 1).text(), "the stored answer keeps the whole text");
    channel.finishAndReleaseAll();
  }

  @Test
  void budgetRefillsAndSaysHowManyLinesItLeftOut() {
    long minute = 60_000_000_000L;
    LogBudget budget = new LogBudget(2, 0);
    assertEquals("", budget.take(0));
    assertEquals("", budget.take(0));
    assertNull(budget.take(0));
    assertNull(budget.take(1));
    String note = budget.take(minute / 2);
    assertTrue(note != null && note.contains("2 similar lines"), String.valueOf(note));
  }

  @Test
  void controlCharactersAreEscaped() {
    assertEquals("a\\x0ab\\x1b[31m", DeviceText.forLog("a\nb\u001b[31m"));
  }
}
