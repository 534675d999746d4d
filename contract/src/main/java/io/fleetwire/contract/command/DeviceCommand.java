package io.fleetwire.contract.command;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A command for one device (Teltonika Codec 12, or Codec 14 with the IMEI check) and what became
 * of it. Immutable: each step returns the next state. {@code answeredAt} is when the device's
 * answer arrived (an answer may also end the command {@code failed}, Codec 14 type 11);
 * {@code finishedAt} is when the command reached its final state for any reason.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceCommand(
    String id,
    String imei,
    String text,
    int codec,
    long ttlSeconds,
    CommandStatus status,
    Instant createdAt,
    Instant sentAt,
    Instant answeredAt,
    Instant finishedAt,
    String response,
    String failureReason) {

  public static final int CODEC_12 = 12;
  public static final int CODEC_14 = 14;

  public DeviceCommand {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(imei, "imei");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    if (codec != CODEC_12 && codec != CODEC_14) {
      throw new IllegalArgumentException("codec must be 12 or 14, was " + codec);
    }
  }

  /** A new command, queued now, with a random id. */
  public static DeviceCommand queue(String imei, String text, int codec, Duration ttl, Instant now) {
    return new DeviceCommand(UUID.randomUUID().toString(), imei, text, codec, ttl.toSeconds(),
        CommandStatus.QUEUED, now, null, null, null, null, null);
  }

  /** After this instant a command still queued is no longer worth sending. */
  public Instant deliverBy() {
    return createdAt.plusSeconds(ttlSeconds);
  }

  public DeviceCommand sent(Instant at) {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.SENT, createdAt, at, null, null,
        null, null);
  }

  /** Back to the queue: the command never reached the device. */
  public DeviceCommand requeued() {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.QUEUED, createdAt, null, null, null,
        null, null);
  }

  public DeviceCommand answered(Instant at, String responseText) {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.ANSWERED, createdAt, sentAt, at, at,
        responseText, null);
  }

  /** The device answered but refused: {@code responseText} is what it said, may be empty. */
  public DeviceCommand refused(Instant at, String responseText, String reason) {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.FAILED, createdAt, sentAt, at, at,
        responseText, reason);
  }

  /** Ended without an answer from the device. */
  public DeviceCommand failed(Instant at, String reason) {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.FAILED, createdAt, sentAt, null, at,
        null, reason);
  }

  public DeviceCommand expired(Instant at, String reason) {
    return new DeviceCommand(id, imei, text, codec, ttlSeconds, CommandStatus.EXPIRED, createdAt, sentAt, null, at,
        null, reason);
  }
}
