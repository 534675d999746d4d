package io.fleetwire.front.session;

import static io.fleetwire.front.session.SessionFixtures.FRONT_ID;
import static io.fleetwire.front.session.SessionFixtures.IMEI;
import static io.fleetwire.front.session.SessionFixtures.NOW;
import static io.fleetwire.front.session.SessionFixtures.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.TelemetryBatch;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.AvlRecord;
import io.fleetwire.front.teltonika.CameraFrame;
import io.fleetwire.front.teltonika.CorruptPacket;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.front.teltonika.KeepAlive;
import io.fleetwire.front.teltonika.ServerMessage;
import io.fleetwire.front.teltonika.ServerMessage.LoginReply;
import io.fleetwire.front.teltonika.ServerMessage.RecordAck;
import io.fleetwire.front.teltonika.TeltonikaFramingException;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

class DeviceSessionTest {
  private RecordingPublisher publisher = new RecordingPublisher();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<DeviceResponse> responses = new ArrayList<>();
  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private PublishPermits permits = new PublishPermits(100);
  private DeviceRegistry registry = DeviceRegistry.open();
  /** Whether the listener has a command in flight, so that Codec 12/14 frames are its answers. */
  private boolean commandInFlight;

  @AfterEach
  void releaseChannels() {
    for (EmbeddedChannel channel : channels) {
      channel.finishAndReleaseAll();
    }
  }

  private EmbeddedChannel connect() {
    return track(new EmbeddedChannel(new DeviceSession(services())));
  }

  private EmbeddedChannel connectFixed(String imei) {
    return track(new EmbeddedChannel(new DeviceSession(services(), imei)));
  }

  private SessionServices services;

  /** One set of services per test, shared by its connections as in the server. */
  private SessionServices services() {
    if (services == null) {
      services = SessionFixtures.services(publisher, registry, meters, permits, new DeviceResponseListener() {
        @Override
        public void onResponse(String imei, java.net.SocketAddress remote, DeviceResponse response) {
          responses.add(response);
        }

        @Override
        public boolean awaitsAnswer(String imei) {
          return commandInFlight;
        }
      });
    }
    return services;
  }

  private EmbeddedChannel track(EmbeddedChannel channel) {
    channels.add(channel);
    return channel;
  }

  private EmbeddedChannel loggedIn() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(new ImeiLogin(IMEI));
    assertEquals(new LoginReply(true), channel.readOutbound());
    return channel;
  }

  private double rejects(String reason) {
    return meters.counter("fleetwire.rejects", "reason", reason).count();
  }

  @Test
  void acceptsWellFormedLoginWith01() {
    EmbeddedChannel channel = connect();

    channel.writeInbound(new ImeiLogin(IMEI));

    assertEquals(new LoginReply(true), channel.readOutbound());
    assertTrue(channel.isOpen());
    assertEquals(1, meters.counter("fleetwire.logins", "outcome", "accepted").count());
  }

  @Test
  void rejectedLoginGets00AndIsClosed() {
    registry = imei -> false;
    EmbeddedChannel channel = connect();

    channel.writeInbound(new ImeiLogin(IMEI));

    assertEquals(new LoginReply(false), channel.readOutbound());
    assertFalse(channel.isOpen());
    assertEquals(1, rejects("login-rejected"));
  }

  @Test
  void malformedImeiIsRejectedByTheOpenPolicy() {
    EmbeddedChannel channel = connect();

    channel.writeInbound(new ImeiLogin("12345"));

    assertEquals(new LoginReply(false), channel.readOutbound());
    assertFalse(channel.isOpen());
    assertEquals(1, meters.counter("fleetwire.logins", "outcome", "malformed").count());
  }

  @Test
  void dataBeforeLoginClosesWithoutPublishing() {
    EmbeddedChannel channel = connect();

    channel.writeInbound(packet(1));

    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen());
    assertEquals(0, publisher.count());
    assertEquals(1, rejects("data-before-login"));
  }

  @Test
  void acksOnlyAfterPublishCompletes() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(packet(3));

    assertEquals(1, publisher.count());
    assertNull(channel.readOutbound(), "no ack may leave before the publisher confirmed");
    publisher.publications().get(0).complete();
    channel.runPendingTasks();
    assertEquals(new RecordAck(3), channel.readOutbound());
    assertEquals(1, meters.counter("fleetwire.acks", "kind", "records").count());
  }

  @Test
  void publishFailureClosesWithoutAck() {
    EmbeddedChannel channel = loggedIn();
    channel.writeInbound(packet(2));

    publisher.publications().get(0).fail(new IOException("queue unreachable"));
    channel.runPendingTasks();

    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen());
    assertEquals(1, rejects("publish-failed"));
  }

  @Test
  void batchCarriesTheDeviceRecordsWithDeterministicIds() {
    EmbeddedChannel channel = loggedIn();
    AvlRecord avl = SessionFixtures.record(60, 0xABCDEFL);

    channel.writeInbound(new AvlPacket(AvlPacket.CODEC_8E, List.of(avl)));

    TelemetryBatch batch = publisher.batches().get(0);
    assertEquals(IMEI, batch.imei());
    assertEquals(AvlPacket.CODEC_8E, batch.codec());
    assertEquals(FRONT_ID, batch.frontId());
    assertEquals(NOW, batch.receivedAt());
    Record record = batch.records().get(0);
    assertEquals(RecordId.of(IMEI, avl.timestamp(), 0xABCDEFL), record.id());
    assertEquals(avl.timestamp(), record.ts());
    assertEquals(54.6872, record.lat());
    assertEquals(25.3017, record.lon());
    assertEquals(112, record.alt());
    assertEquals(48, record.speed());
    assertEquals(12_850L, record.io().get(66));
    assertEquals(NOW, record.receivedAt());
  }

  @Test
  void publisherThatConfirmsAtOnceIsAckedAtOnceAndReadingGoesOn() {
    publisher = new RecordingPublisher(RecordingPublisher.Mode.SUCCEED);
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(packet(2));

    assertEquals(new RecordAck(2), channel.readOutbound());
    assertTrue(channel.config().isAutoRead());
    assertEquals(0, permits.inFlight());
  }

  @Test
  void stopsReadingWhilePublishIsInFlight() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(packet(1));
    assertFalse(channel.config().isAutoRead());

    publisher.completeAll();
    channel.runPendingTasks();
    assertTrue(channel.config().isAutoRead());
  }

  @Test
  void framesDecodedDuringAPublishWaitAndAreAckedInOrder() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(packet(1), packet(2));
    assertEquals(1, publisher.count(), "one publish in flight per connection");

    publisher.publications().get(0).complete();
    channel.runPendingTasks();
    assertEquals(new RecordAck(1), channel.readOutbound());
    assertEquals(2, publisher.count());
    assertNull(channel.readOutbound());

    publisher.publications().get(1).complete();
    channel.runPendingTasks();
    assertEquals(new RecordAck(2), channel.readOutbound());
  }

  @Test
  void floodOfFramesDuringAPublishCloses() {
    EmbeddedChannel channel = loggedIn();
    channel.writeInbound(packet(1));

    for (int i = 0; i <= DeviceSession.MAX_PENDING_FRAMES; i++) {
      channel.writeInbound(packet(1));
    }

    assertFalse(channel.isOpen());
    assertEquals(1, rejects("too-many-pending-frames"));
  }

  @Test
  void frontWideBoundKeepsAFinishedConnectionPausedUntilASlotFrees() {
    permits = new PublishPermits(1);
    EmbeddedChannel first = loggedIn();
    EmbeddedChannel second = loggedIn();
    first.writeInbound(packet(1));
    second.writeInbound(packet(1));

    publisher.publications().get(1).complete();
    second.runPendingTasks();
    assertEquals(new RecordAck(1), second.readOutbound());
    assertFalse(second.config().isAutoRead(), "the first publish still holds the only slot");

    publisher.publications().get(0).complete();
    first.runPendingTasks();
    second.runPendingTasks();
    assertTrue(second.config().isAutoRead());
    assertTrue(first.config().isAutoRead());
    assertEquals(0, permits.inFlight());
  }

  @Test
  void corruptPacketGetsAckZero() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(new CorruptPacket("crc-mismatch", "CRC 0x1234, computed 0x4321"));

    assertEquals(new RecordAck(0), channel.readOutbound());
    assertTrue(channel.isOpen());
    assertEquals(1, rejects("crc-mismatch"));
  }

  @Test
  void threeCorruptPacketsInARowClose() {
    EmbeddedChannel channel = loggedIn();

    for (int i = 0; i < DeviceSession.MAX_CONSECUTIVE_CORRUPT; i++) {
      channel.writeInbound(new CorruptPacket("count-mismatch", "N1 2, N2 3"));
    }

    for (int i = 0; i < DeviceSession.MAX_CONSECUTIVE_CORRUPT; i++) {
      assertEquals(new RecordAck(0), channel.readOutbound());
    }
    assertFalse(channel.isOpen());
    assertEquals(1, rejects("repeated-corrupt"));
  }

  @Test
  void goodPacketResetsTheCorruptCount() {
    EmbeddedChannel channel = loggedIn();
    channel.writeInbound(new CorruptPacket("crc-mismatch", "bad"), new CorruptPacket("crc-mismatch", "bad"));
    channel.writeInbound(packet(1));
    publisher.completeAll();
    channel.runPendingTasks();

    channel.writeInbound(new CorruptPacket("crc-mismatch", "bad"), new CorruptPacket("crc-mismatch", "bad"));

    assertTrue(channel.isOpen());
  }

  @Test
  void keepAliveGetsNoAnswer() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(KeepAlive.INSTANCE);

    assertNull(channel.readOutbound());
    assertTrue(channel.isOpen());
    assertEquals(0, publisher.count());
  }

  @Test
  void deviceResponseGoesToTheListenerAndIsNeverAcked() {
    commandInFlight = true;
    EmbeddedChannel channel = loggedIn();
    DeviceResponse response = DeviceResponse.text(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null,
        "Ver:03.27.07_00 GPS:1");

    channel.writeInbound(response);

    assertEquals(List.of(response), responses);
    assertNull(channel.readOutbound());
    assertTrue(channel.isOpen());
  }

  @Test
  void fixedImeiSessionPublishesWithoutALogin() {
    EmbeddedChannel channel = connectFixed(IMEI);

    channel.writeInbound(packet(2));
    publisher.completeAll();
    channel.runPendingTasks();

    assertEquals(IMEI, publisher.batches().get(0).imei());
    assertEquals(new RecordAck(2), channel.readOutbound());
  }

  @Test
  void framingErrorClosesAndIsCountedByReason() {
    EmbeddedChannel channel = loggedIn();

    channel.pipeline().fireExceptionCaught(
        new TeltonikaFramingException("bad-preamble", "data frames start with 00000000, got 00000001"));

    assertFalse(channel.isOpen());
    assertEquals(1, rejects("bad-preamble"));
  }

  @Test
  void silentConnectionIsClosedAfterTheIdleTimeout() {
    EmbeddedChannel channel = track(new EmbeddedChannel());
    channel.freezeTime();
    channel.pipeline().addLast(new IdleStateHandler(10, 0, 0, TimeUnit.MINUTES), new DeviceSession(services()));
    channel.writeInbound(new ImeiLogin(IMEI));
    assertEquals(new LoginReply(true), channel.readOutbound());

    channel.advanceTimeBy(9, TimeUnit.MINUTES);
    channel.runPendingTasks();
    assertTrue(channel.isOpen());
    channel.advanceTimeBy(2, TimeUnit.MINUTES);
    channel.runPendingTasks();

    assertFalse(channel.isOpen());
    assertEquals(1, rejects("idle-timeout"));
  }

  @Test
  void codec12WithoutACommandInFlightIsPublishedAsADeviceMessageAndNeverAcked() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(new DeviceResponse(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null, null, null,
        "010300010015d5c5"));
    publisher.completeAll();
    channel.runPendingTasks();

    assertTrue(responses.isEmpty(), "no command awaited an answer");
    TelemetryBatch batch = publisher.batches().get(0);
    assertTrue(batch.records().isEmpty());
    io.fleetwire.contract.DeviceMessage message = batch.messages().get(0);
    assertEquals(IMEI, message.imei());
    assertEquals(NOW, message.ts());
    assertEquals("010300010015d5c5", message.hex());
    assertNull(message.text());
    assertNull(channel.readOutbound(), "a device message is never acked");
    assertTrue(channel.isOpen());
  }

  @Test
  void codec13AndCodec15MessagesArePublishedWithTheDevicesTimeEvenWhileACommandIsInFlight() {
    commandInFlight = true;
    EmbeddedChannel channel = loggedIn();
    java.time.Instant sent = java.time.Instant.parse("2016-03-16T09:17:22Z");

    channel.writeInbound(new DeviceResponse(DeviceResponse.CODEC_13, DeviceResponse.TYPE_COMMAND, null, sent,
        "#GET DATAORDER\r\n", null));
    publisher.completeAll();
    channel.runPendingTasks();
    channel.writeInbound(new DeviceResponse(DeviceResponse.CODEC_15, 0x0B, "123456789123456", sent, "Hello!\n", null));
    publisher.completeAll();
    channel.runPendingTasks();

    assertTrue(responses.isEmpty());
    assertEquals(2, publisher.batches().size());
    assertEquals(sent, publisher.batches().get(0).messages().get(0).ts());
    assertEquals("#GET DATAORDER\r\n", publisher.batches().get(0).messages().get(0).text());
    assertEquals(15, publisher.batches().get(1).messages().get(0).codec());
    assertNull(channel.readOutbound());
  }

  @Test
  void aFailedMessagePublishClosesWithoutAReply() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(DeviceResponse.text(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null, "x"));
    publisher.publications().get(0).fail(new IOException("queue down"));
    channel.runPendingTasks();

    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen());
    assertEquals(1, rejects("publish-failed"));
  }

  @Test
  void cameraFramesAreAnsweredChunkByChunkOnlyAfterThePublishAndNeverCountAsCorrupt() {
    EmbeddedChannel channel = loggedIn();

    channel.writeInbound(new CameraFrame(CameraFrame.PART_START, 0x598493EDL, 5000, 0, 0, "01598493ed00001388"));
    assertNull(channel.readOutbound(), "nothing is asked before the frame is published");
    publisher.completeAll();
    channel.runPendingTasks();
    assertEquals(new ServerMessage.CameraRequest(0x598493EDL, 0, 2048), channel.readOutbound());

    channel.writeInbound(new CameraFrame(CameraFrame.PART_DATA, 0x598493EDL, 0, 0, 2048, "02"));
    publisher.completeAll();
    channel.runPendingTasks();
    assertEquals(new ServerMessage.CameraRequest(0x598493EDL, 2048, 2048), channel.readOutbound());

    channel.writeInbound(new CameraFrame(CameraFrame.PART_DATA, 0x598493EDL, 0, 2048, 2048, "02"));
    publisher.completeAll();
    channel.runPendingTasks();
    assertEquals(new ServerMessage.CameraRequest(0x598493EDL, 4096, 904), channel.readOutbound());

    channel.writeInbound(new CameraFrame(CameraFrame.PART_DATA, 0x598493EDL, 0, 4096, 904, "02"));
    channel.writeInbound(new CameraFrame(0x00, 0, 0, 0, 0, "00"));
    publisher.completeAll();
    channel.runPendingTasks();
    publisher.completeAll();
    channel.runPendingTasks();
    assertNull(channel.readOutbound(), "the photo is complete: nothing more to ask");

    assertEquals(5, publisher.batches().size());
    assertEquals(0x0D, publisher.batches().get(0).messages().get(0).type());
    assertTrue(channel.isOpen());
    assertEquals(0, rejects("repeated-corrupt"));
  }

  @Test
  void aPacketWithoutRecordsIsAckedZeroAndNeverCountsAsCorrupt() {
    EmbeddedChannel channel = loggedIn();

    for (int i = 0; i < DeviceSession.MAX_CONSECUTIVE_CORRUPT + 2; i++) {
      channel.writeInbound(new AvlPacket(AvlPacket.CODEC_8, List.of()));
      assertEquals(new RecordAck(0), channel.readOutbound());
    }

    assertTrue(channel.isOpen());
    assertEquals(0, publisher.count());
    assertEquals(0, rejects("repeated-corrupt"));
  }
}
