package io.fleetwire.front.session;

import static io.fleetwire.front.session.SessionFixtures.IMEI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.front.teltonika.ServerMessage.LoginReply;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/** A device whose connection the network resets is an everyday event: closed, not counted as a fault. */
class ConnectionLostTest {

  @Test
  void aResetConnectionIsClosedWithoutAnInternalErrorReject() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    EmbeddedChannel channel = new EmbeddedChannel(new DeviceSession(SessionFixtures.services(new RecordingPublisher(),
        DeviceRegistry.open(), meters, new PublishPermits(10), (imei, address, response) -> { })));
    channel.writeInbound(new ImeiLogin(IMEI));
    assertEquals(new LoginReply(true), channel.readOutbound());

    channel.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

    assertFalse(channel.isOpen());
    assertEquals(0.0, meters.counter("fleetwire.rejects", "reason", "internal-error").count());
    channel.finishAndReleaseAll();
  }
}
