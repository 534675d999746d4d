package io.fleetwire.azure.servicebus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One front replica's subscription on the {@code commands} topic. Every replica reads every note
 * (a note does not say which replica holds the device), so each keeps its own subscription,
 * named after the replica. Service Bus deletes a subscription idle for {@code autoDeleteOnIdle}:
 * the subscription of a replica that vanished without closing goes away by itself.
 *
 * @param name subscription name: 1 to 50 letters, digits, '.', '-' or '_', starting and ending
 *     with a letter or digit (Service Bus entity naming rules)
 */
public record CommandSubscriptionSettings(CommandTopicSettings topic, String name, Duration autoDeleteOnIdle) {
  public static final int MAX_NAME_LENGTH = 50;
  /** The smallest auto-delete-on-idle interval Service Bus accepts. */
  public static final Duration MIN_AUTO_DELETE_ON_IDLE = Duration.ofMinutes(5);
  /**
   * Long enough that a replica restarting in place finds its subscription again, short enough
   * that a scaled-in replica's subscription does not collect notes for long.
   */
  public static final Duration DEFAULT_AUTO_DELETE_ON_IDLE = Duration.ofHours(1);
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,48}[A-Za-z0-9])?");
  private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9._-]+");
  private static final int HASH_CHARS = 8;

  public CommandSubscriptionSettings {
    if (topic == null) {
      throw new IllegalArgumentException("the command subscription needs its topic");
    }
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("subscription name '" + name + "' is not a Service Bus subscription name: "
          + "1 to 50 letters, digits, '.', '-' or '_', starting and ending with a letter or digit");
    }
    if (autoDeleteOnIdle == null || autoDeleteOnIdle.compareTo(MIN_AUTO_DELETE_ON_IDLE) < 0) {
      throw new IllegalArgumentException("auto-delete-on-idle must be at least " + MIN_AUTO_DELETE_ON_IDLE
          + " (the Service Bus minimum), got " + autoDeleteOnIdle);
    }
  }

  /** The subscription of the replica {@code replicaId} (the front id: the replica's host name by default). */
  public static CommandSubscriptionSettings forReplica(CommandTopicSettings topic, String replicaId) {
    return new CommandSubscriptionSettings(topic, subscriptionName(replicaId), DEFAULT_AUTO_DELETE_ON_IDLE);
  }

  /**
   * The replica id made a valid subscription name: lower case, any other character run becomes
   * '-', trimmed to letters or digits at both ends. An id that had to be cut or changed keeps a
   * hash of the original, so two replica ids never share a subscription.
   */
  static String subscriptionName(String replicaId) {
    if (replicaId == null || replicaId.isBlank()) {
      throw new IllegalArgumentException("a command subscription is named after its replica; the replica id is empty");
    }
    if (VALID_NAME.matcher(replicaId).matches()) {
      return replicaId;
    }
    String cleaned = trimToAlphanumeric(NOT_ALLOWED.matcher(replicaId.toLowerCase(Locale.ROOT)).replaceAll("-"));
    String hash = hash(replicaId);
    int room = MAX_NAME_LENGTH - HASH_CHARS - 1;
    String head = trimToAlphanumeric(cleaned.length() > room ? cleaned.substring(0, room) : cleaned);
    return head.isEmpty() ? hash : head + "-" + hash;
  }

  private static String trimToAlphanumeric(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
