package io.fleetwire.front.session;

import static io.fleetwire.front.session.SessionFixtures.IMEI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.ImeiLogin;
import io.fleetwire.front.teltonika.ServerMessage.LoginReply;
import io.fleetwire.testsupport.RecordingPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A registry that answers later (Cosmos on Azure) must not block the event loop nor be answered early. */
class RemoteRegistryLoginTest {
  private final CompletableFuture<Boolean> answer = new CompletableFuture<>();
  private final DeviceRegistry remote = new DeviceRegistry() {
    @Override
    public boolean accepts(String imei) {
      throw new AssertionError("the session must not block on the registry");
    }

    @Override
    public CompletionStage<Boolean> acceptsAsync(String imei) {
      return answer;
    }
  };

  private EmbeddedChannel connect() {
    return new EmbeddedChannel(new DeviceSession(SessionFixtures.services(new RecordingPublisher(), remote,
        new SimpleMeterRegistry(), new PublishPermits(10), (imei, address, response) -> { })));
  }

  @Test
  void repliesOnlyWhenTheRegistryHasAnsweredAndStopsReadingMeanwhile() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(new ImeiLogin(IMEI));

    assertNull(channel.readOutbound(), "no reply before the registry answered");
    assertFalse(channel.config().isAutoRead(), "nothing more is read while the login is undecided");

    answer.complete(true);
    channel.runPendingTasks();

    assertEquals(new LoginReply(true), channel.readOutbound());
    assertTrue(channel.config().isAutoRead());
    channel.finishAndReleaseAll();
  }

  @Test
  void refusesWith00WhenTheRegistrySaysNo() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(new ImeiLogin(IMEI));
    answer.complete(false);
    channel.runPendingTasks();

    assertEquals(new LoginReply(false), channel.readOutbound());
    assertFalse(channel.isOpen());
    channel.finishAndReleaseAll();
  }

  @Test
  void closesWithoutAReplyWhenTheRegistryFails() {
    EmbeddedChannel channel = connect();
    channel.writeInbound(new ImeiLogin(IMEI));
    answer.completeExceptionally(new IllegalStateException("registry unreachable"));
    channel.runPendingTasks();

    assertNull(channel.readOutbound());
    assertFalse(channel.isOpen());
    channel.finishAndReleaseAll();
  }
}
