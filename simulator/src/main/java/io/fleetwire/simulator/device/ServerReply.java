package io.fleetwire.simulator.device;

import io.fleetwire.simulator.teltonika.CommandFrames.ServerCommand;

/**
 * What the front sends a device: the login answer once, then one ack per AVL frame, and now and
 * then a Codec 12/14 command.
 */
sealed interface ServerReply {

  /** The one-byte answer to the IMEI login: {@code 01} accepted, anything else rejected. */
  record LoginReply(int code) implements ServerReply {
    boolean accepted() {
      return code == 1;
    }
  }

  /** The 4-byte big-endian count of records the front accepted from the last frame. */
  record Ack(long count) implements ServerReply {
  }

  /** A command frame with a valid CRC. */
  record Command(ServerCommand command) implements ServerReply {
  }
}
