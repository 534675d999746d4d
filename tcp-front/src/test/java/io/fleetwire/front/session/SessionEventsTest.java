package io.fleetwire.front.session;

import static io.fleetwire.front.session.SessionFixtures.FRONT_ID;
import static io.fleetwire.front.session.SessionFixtures.IMEI;
import static io.fleetwire.front.session.SessionFixtures.NOW;
import static io.fleetwire.front.session.SessionFixtures.packet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.DeviceResponse;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

class SessionEventsTest {
  private final List<String> events = new ArrayList<>();
  private final RecordingPublisher publisher = new RecordingPublisher();
  private final SessionServices services = new SessionServices(publisher, DeviceRegistry.open(),
      new DeviceResponseListener() {
        @Override
        public void onResponse(String imei, java.net.SocketAddress remote, DeviceResponse response) {
          events.add("response " + response.text());
        }

        @Override
        public boolean awaitsAnswer(String imei) {
          return true;
        }
      },
      new FrontMetrics(new SimpleMeterRegistry()), new PublishPermits(10), FRONT_ID, Clock.fixed(NOW, ZoneOffset.UTC),
      () -> false, new SessionEvents() {
        @Override
        public void online(String imei, Channel channel) {
          events.add("online " + imei);
        }

        @Override
        public void recordsAcked(String imei, Channel channel) {
          events.add("acked " + imei);
        }

        @Override
        public void offline(String imei, Channel channel) {
          events.add("offline " + imei);
        }
      });
  private EmbeddedChannel channel;

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  @Test
  void deviceIsOnlineAfterLoginAckedAfterThePublishAndOfflineWhenClosed() {
    channel = new EmbeddedChannel(new DeviceSession(services));
    channel.writeInbound(new ImeiLogin(IMEI));
    channel.writeInbound(packet(2));
    assertEquals(List.of("online " + IMEI), events, "nothing is acked before the publish completes");

    publisher.completeAll();
    channel.runPendingTasks();
    channel.writeInbound(DeviceResponse.text(DeviceResponse.CODEC_12, DeviceResponse.TYPE_RESPONSE, null, "ok"));
    channel.close();

    assertEquals(List.of("online " + IMEI, "acked " + IMEI, "response ok", "offline " + IMEI), events);
  }

  @Test
  void fixedImeiConnectionIsOnlineFromTheStart() {
    channel = new EmbeddedChannel(new DeviceSession(services, IMEI));

    assertEquals(List.of("online " + IMEI), events);
  }

  @Test
  void connectionThatNeverLoggedInIsNeverOnline() {
    channel = new EmbeddedChannel(new DeviceSession(services));
    channel.close();

    assertEquals(List.of(), events);
  }
}
