package io.fleetwire.front.backpressure;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

/**
 * Why a connection is not being read. Several stages stop reading for their own reasons (a publish
 * in flight, a peer that does not read its replies, a full HTTP pipeline, the drain); reading
 * resumes only once none of them holds, so one stage's resume never undoes another's pause.
 * Used on the connection's event loop only.
 */
public final class ReadPause {
  private static final AttributeKey<ReadPause> KEY = AttributeKey.valueOf("fleetwire.read-pause");

  /** One stage's reason to stop reading. */
  public enum Reason { LOGIN, PUBLISHING, UNWRITABLE, PIPELINE, DRAINING }

  private final Channel channel;
  private int reasons;

  private ReadPause(Channel channel) {
    this.channel = channel;
  }

  /** The connection's pause state, created on first use. */
  public static ReadPause of(Channel channel) {
    Attribute<ReadPause> attribute = channel.attr(KEY);
    ReadPause pause = attribute.get();
    if (pause == null) {
      pause = new ReadPause(channel);
      ReadPause raced = attribute.setIfAbsent(pause);
      if (raced != null) {
        pause = raced;
      }
    }
    return pause;
  }

  public void pause(Reason reason) {
    reasons |= 1 << reason.ordinal();
    channel.config().setAutoRead(false);
  }

  public void resume(Reason reason) {
    reasons &= ~(1 << reason.ordinal());
    if (reasons == 0 && channel.isActive()) {
      channel.config().setAutoRead(true);
    }
  }

  public boolean isPaused(Reason reason) {
    return (reasons & (1 << reason.ordinal())) != 0;
  }
}
