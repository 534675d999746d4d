package io.fleetwire.front.session;

import io.netty.channel.Channel;

/**
 * Tells whoever talks back to devices (the command outbox) when a device's connection can carry
 * server messages. Called on the connection's event loop: return quickly.
 */
public interface SessionEvents {

  /** The device logged in (or a fixed-IMEI connection opened) on {@code channel}. */
  void online(String imei, Channel channel);

  /** A data frame of the device on {@code channel} was acked. */
  void recordsAcked(String imei, Channel channel);

  /** The logged-in connection closed. */
  void offline(String imei, Channel channel);

  static SessionEvents none() {
    return new SessionEvents() {
      @Override
      public void online(String imei, Channel channel) {
      }

      @Override
      public void recordsAcked(String imei, Channel channel) {
      }

      @Override
      public void offline(String imei, Channel channel) {
      }
    };
  }
}
