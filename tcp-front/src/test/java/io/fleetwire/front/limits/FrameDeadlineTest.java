package io.fleetwire.front.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.TeltonikaFrameDecoder;
import io.fleetwire.front.teltonika.TeltonikaMessageDecoder;
import io.fleetwire.testsupport.HexFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The framing stage and its deadline as the device pipeline runs them, on a simulated clock. */
class FrameDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final byte[] AVL = HexFixture.load("teltonika/codec8-2records.hex");

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TeltonikaFrameDecoder framing = new TeltonikaFrameDecoder(1024);
  private final EmbeddedChannel channel = new EmbeddedChannel(
      new IdleStateHandler(30, 0, 0, TimeUnit.SECONDS), framing,
      new FrameDeadline(TIMEOUT, framing, new FrontMetrics(meters)), new TeltonikaMessageDecoder());

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  private void write(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  private void advance(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
  }

  private double frameTimeouts() {
    return meters.counter("fleetwire.rejects", "reason", "frame-timeout").count();
  }

  @Test
  void frameDribbledSlowerThanTheDeadlineClosesTheConnection() {
    write(Arrays.copyOfRange(AVL, 0, 8));
    // One byte every 10 s: the 30 s idle timeout never fires, the frame never completes.
    for (int i = 8; i < 13; i++) {
      advance(10);
      assertTrue(channel.isOpen(), "closed before the frame deadline, after " + (i - 7) * 10 + " s");
      write(new byte[] {AVL[i]});
    }

    advance(10);

    assertFalse(channel.isOpen());
    assertEquals(1, frameTimeouts());
  }

  @Test
  void completedFramesRestartTheDeadline() {
    int half = AVL.length / 2;
    for (int frame = 0; frame < 5; frame++) {
      write(Arrays.copyOfRange(AVL, 0, half));
      advance(25);
      write(Arrays.copyOfRange(AVL, half, AVL.length));
      advance(25);
    }

    assertTrue(channel.isOpen(), "five frames each completed within the deadline over 250 s");
    assertEquals(5, countPackets());
    assertEquals(0, frameTimeouts());
  }

  @Test
  void aFrameStartedInTheReadThatCompletedAnotherGetsItsOwnDeadline() {
    write(Arrays.copyOfRange(AVL, 0, 8));
    advance(50);
    byte[] restAndNextStart = new byte[AVL.length - 8 + 8];
    System.arraycopy(AVL, 8, restAndNextStart, 0, AVL.length - 8);
    System.arraycopy(AVL, 0, restAndNextStart, AVL.length - 8, 8);
    write(restAndNextStart);

    advance(50);

    assertTrue(channel.isOpen(), "the second frame started 50 s ago, within the deadline");
    advance(10);
    assertFalse(channel.isOpen());
  }

  @Test
  void timeTheFrontSpendsNotReadingIsNotHeldAgainstTheDevice() {
    write(Arrays.copyOfRange(AVL, 0, 20));
    channel.config().setAutoRead(false);

    advance(TIMEOUT.toSeconds() * 3);

    assertTrue(channel.isOpen());
    assertEquals(0, frameTimeouts());
  }

  private int countPackets() {
    int packets = 0;
    for (Object message; (message = channel.readInbound()) != null; ) {
      if (message instanceof AvlPacket) {
        packets++;
      }
    }
    return packets;
  }
}
