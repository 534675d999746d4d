package io.fleetwire.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a device sent on its own rather than as a record: RS232 or garmin text, a driver id
 * from a tachograph, a camera frame (Codec 12, 13, 15). {@code ts}: the device's time of the
 * message where the codec carries one (13, 15), else when the front received it. {@code type}: the
 * codec's message type byte. The payload is in {@code text} when printable, else in {@code hex};
 * exactly one is set.
 *
 * <p>{@code id} is deterministic (IMEI, time and a hash of the content), so a redelivered message
 * is stored once (DESIGN rule 2).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "imei", "ts", "receivedAt", "codec", "type", "text", "hex"})
public record DeviceMessage(String id, String imei, Instant ts, Instant receivedAt, int codec, int type,
    String text, String hex) {

  public DeviceMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(ts, "ts");
    if ((text == null) == (hex == null)) {
      throw new IllegalArgumentException("a device message has exactly one of text and hex");
    }
  }

  /** A message with its deterministic id. */
  public static DeviceMessage of(String imei, Instant ts, Instant receivedAt, int codec, int type, String text,
      String hex) {
    String content = new ContentHash().add(Integer.toString(codec)).add(Integer.toString(type))
        .add(text != null ? "t:" + text : "h:" + hex).hex();
    return new DeviceMessage(imei + "-" + ts.toEpochMilli() + "-" + content.substring(0, 16), imei, ts,
        receivedAt, codec, type, text, hex);
  }
}
