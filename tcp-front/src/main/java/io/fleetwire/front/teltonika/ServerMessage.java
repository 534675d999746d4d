package io.fleetwire.front.teltonika;

/** What the server writes to a device; the outbound encoder turns each into bytes. */
public sealed interface ServerMessage {

  /** Answer to the login: {@code 01} accepted, {@code 00} rejected. */
  record LoginReply(boolean accepted) implements ServerMessage {
  }

  /** 4-byte big-endian count of records accepted; 0 asks the device to resend. */
  record RecordAck(int count) implements ServerMessage {
  }

  /**
   * A command to the device: Codec 12 ({@code imei == null}) or Codec 14 (with the IMEI the
   * device must match, 15 digits).
   */
  record Command(int codec, String text, String imei) implements ServerMessage {
  }

  /**
   * Asks a camera for {@code length} bytes of photo {@code photoId} from {@code offset}: a Codec 12
   * frame of type 0x0D whose payload is part 0x02, the photo id (4), the offset (4), the length (2).
   */
  record CameraRequest(long photoId, long offset, int length) implements ServerMessage {
  }
}
