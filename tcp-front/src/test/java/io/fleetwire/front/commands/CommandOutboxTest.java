package io.fleetwire.front.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.contract.command.InMemoryCommandStore;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.server.FrontConfig;
import io.fleetwire.front.server.FrontServer;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ServerMessage;
import io.fleetwire.front.teltonika.TeltonikaEncoder;
import io.fleetwire.testsupport.HexFixture;
import io.fleetwire.testsupport.RawTracker;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

class CommandOutboxTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final String IMEI = "352093081452251";
  private static final long WAIT_MILLIS = 10_000;

  private final InMemoryCommandStore store = new InMemoryCommandStore();
  private CommandOutbox outbox;
  private FrontServer front;
  private RawTracker tracker;

  private void start(Duration responseTimeout) {
    outbox = new CommandOutbox(store, Clock.systemUTC(), responseTimeout);
    front = FrontServer.start(FrontConfig.defaults().withHost(LOOPBACK).withPort(0)
            .withHealthPort(FrontConfig.NO_HEALTH_PORT).withDrainTimeout(Duration.ofSeconds(1)),
        new RecordingPublisher(RecordingPublisher.Mode.SUCCEED), DeviceRegistry.open(), outbox, outbox,
        new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() throws IOException {
    if (tracker != null) {
      tracker.close();
    }
    if (front != null) {
      front.close();
    }
    if (outbox != null) {
      outbox.close();
    }
  }

  private DeviceCommand queue(String text, int codec) {
    DeviceCommand command = DeviceCommand.queue(IMEI, text, codec, Duration.ofMinutes(10), Instant.now());
    store.create(command);
    return command;
  }

  private DeviceCommand awaitStatus(DeviceCommand command, CommandStatus wanted) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    DeviceCommand current = store.get(IMEI, command.id()).orElseThrow();
    while (current.status() != wanted && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
      current = store.get(IMEI, command.id()).orElseThrow();
    }
    assertEquals(wanted, current.status(), "status of " + current);
    return current;
  }

  @Test
  void queuedCommandGoesOutAfterTheFirstAckedFrameAndItsAnswerIsRecorded() throws Exception {
    start(Duration.ofSeconds(30));
    DeviceCommand getinfo = queue("getinfo", DeviceCommand.CODEC_12);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);

    assertEquals(1, tracker.sendRecords(1));
    assertArrayEquals(HexFixture.load("teltonika/codec12-command-getinfo.hex"), tracker.readFrame());
    tracker.answerCodec12("RTC:2026/11/26 05:00 GPS:1 SAT:9");

    DeviceCommand answered = awaitStatus(getinfo, CommandStatus.ANSWERED);
    assertEquals("RTC:2026/11/26 05:00 GPS:1 SAT:9", answered.response());
    assertNotNull(answered.sentAt());
    assertNotNull(answered.answeredAt());
  }

  @Test
  void nothingIsSentAtLoginBeforeTheDeviceSentData() throws Exception {
    start(Duration.ofSeconds(30));
    DeviceCommand getver = queue("getver", DeviceCommand.CODEC_12);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    outbox.commandQueued(IMEI, getver.id());

    Thread.sleep(300);
    assertEquals(CommandStatus.QUEUED, store.get(IMEI, getver.id()).orElseThrow().status());
    assertEquals(1, tracker.sendRecords(1), "the next bytes after login are the ack, no command");
    awaitStatus(getver, CommandStatus.SENT);
  }

  @Test
  void commandQueuedWhileTheDeviceIsOnlineIsSentAtOnce() throws Exception {
    start(Duration.ofSeconds(30));
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    assertEquals(2, tracker.sendRecords(2));

    DeviceCommand getver = queue("getver", DeviceCommand.CODEC_12);
    outbox.commandQueued(IMEI, getver.id());

    assertArrayEquals(TeltonikaEncoder.command(new ServerMessage.Command(DeviceResponse.CODEC_12, "getver", null)),
        tracker.readFrame());
    awaitStatus(getver, CommandStatus.SENT);
  }

  @Test
  void sendsOneCommandAtATimeAndTheNextAfterTheAnswer() throws Exception {
    start(Duration.ofSeconds(30));
    DeviceCommand first = queue("getinfo", DeviceCommand.CODEC_12);
    Thread.sleep(2);
    DeviceCommand second = queue("getver", DeviceCommand.CODEC_12);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    tracker.sendRecords(1);

    tracker.readFrame();
    awaitStatus(first, CommandStatus.SENT);
    assertEquals(CommandStatus.QUEUED, store.get(IMEI, second.id()).orElseThrow().status());
    tracker.answerCodec12("first answer");

    assertArrayEquals(TeltonikaEncoder.command(new ServerMessage.Command(DeviceResponse.CODEC_12, "getver", null)),
        tracker.readFrame());
    tracker.answerCodec12("second answer");
    assertEquals("first answer", awaitStatus(first, CommandStatus.ANSWERED).response());
    assertEquals("second answer", awaitStatus(second, CommandStatus.ANSWERED).response());
  }

  @Test
  void commandWithoutAnAnswerExpiresAfterTheResponseTimeout() throws Exception {
    start(Duration.ofMillis(300));
    DeviceCommand ignored = queue("getinfo", DeviceCommand.CODEC_12);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    tracker.sendRecords(1);
    tracker.readFrame();

    DeviceCommand expired = awaitStatus(ignored, CommandStatus.EXPIRED);
    assertTrue(expired.failureReason().contains("no answer"), expired.failureReason());
  }

  @Test
  void codec14CommandCarriesTheImeiAndAMismatchAnswerFailsIt() throws Exception {
    start(Duration.ofSeconds(30));
    DeviceCommand getver = queue("getver", DeviceCommand.CODEC_14);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    tracker.sendRecords(1);

    assertArrayEquals(HexFixture.load("teltonika/codec14-command-getver.hex"), tracker.readFrame());
    tracker.answerCodec14(RawTracker.TYPE_IMEI_MISMATCH, "");

    DeviceCommand failed = awaitStatus(getver, CommandStatus.FAILED);
    assertTrue(failed.failureReason().contains("IMEI mismatch"), failed.failureReason());
  }

  @Test
  void commandForAnotherDeviceIsNotSentOnThisConnection() throws Exception {
    start(Duration.ofSeconds(30));
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    tracker.sendRecords(1);
    DeviceCommand other = DeviceCommand.queue("356307042441013", "getinfo", DeviceCommand.CODEC_12,
        Duration.ofMinutes(1), Instant.now());
    store.create(other);

    outbox.commandQueued(other.imei(), other.id());

    assertEquals(1, tracker.sendRecords(1), "the next bytes are the ack, no command");
    assertEquals(CommandStatus.QUEUED, store.get(other.imei(), other.id()).orElseThrow().status());
  }

  @Test
  void connectionClosedWithACommandInFlightFailsIt() throws Exception {
    start(Duration.ofSeconds(30));
    DeviceCommand getinfo = queue("getinfo", DeviceCommand.CODEC_12);
    tracker = RawTracker.login(LOOPBACK, front.port(), IMEI);
    tracker.sendRecords(1);
    tracker.readFrame();

    tracker.close();

    DeviceCommand failed = awaitStatus(getinfo, CommandStatus.FAILED);
    assertTrue(failed.failureReason().contains("closed"), failed.failureReason());
  }
}
