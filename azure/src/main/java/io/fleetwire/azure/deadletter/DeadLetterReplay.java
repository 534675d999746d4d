package io.fleetwire.azure.deadletter;

import com.azure.core.util.IterableStream;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves messages from a queue's dead-letter sub-queue back to the queue once the cause is fixed.
 * Each message is received with a lock, a copy (body, {@code MessageId}, application properties;
 * not the dead-letter reason) is sent to the queue, and the dead letter is completed only after
 * that send succeeded: a failed send abandons it, so it stays where it was and the run stops.
 *
 * <p>A copy sent within the queue's duplicate-detection window of the original's enqueue time
 * would be dropped as a duplicate while its dead letter is completed: lost. Such young messages
 * are left in the dead-letter queue and counted, to be replayed by a later run.
 */
public final class DeadLetterReplay {
  private static final int BATCH = 32;
  private static final Duration RECEIVE_WAIT = Duration.ofSeconds(5);

  private final ServiceBusReceiverClient deadLetters;
  private final ServiceBusSenderClient queue;
  private final Clock clock;

  /**
   * @param deadLetters peek-lock receiver of the queue's dead-letter sub-queue, auto-complete off
   * @param queue sender to the queue itself
   */
  public DeadLetterReplay(ServiceBusReceiverClient deadLetters, ServiceBusSenderClient queue, Clock clock) {
    this.deadLetters = deadLetters;
    this.queue = queue;
    this.clock = clock;
  }

  /** One dead-lettered message as a dry run lists it. */
  public record DeadLetter(String messageId, long sequenceNumber, String reason, String description,
      OffsetDateTime enqueuedTime) {
    static DeadLetter of(ServiceBusReceivedMessage message) {
      return new DeadLetter(message.getMessageId(), message.getSequenceNumber(), message.getDeadLetterReason(),
          message.getDeadLetterErrorDescription(), message.getEnqueuedTime());
    }
  }

  /**
   * What a replay did.
   *
   * @param moved sent to the queue and completed
   * @param tooYoung left dead-lettered: enqueued within the duplicate-detection window
   * @param sentNotCompleted sent, but completing the dead letter failed: it will be replayed again,
   *     which the idempotent ingest makes harmless
   * @param failure why a send failed and the run stopped; null when none did
   */
  public record Outcome(int moved, int tooYoung, int sentNotCompleted, String failure) {
  }

  /** Up to {@code max} dead letters, oldest first, without locking or settling any. */
  public List<DeadLetter> list(int max) {
    List<DeadLetter> listed = new ArrayList<>();
    while (listed.size() < max) {
      IterableStream<ServiceBusReceivedMessage> page = deadLetters.peekMessages(Math.min(BATCH, max - listed.size()));
      int before = listed.size();
      page.forEach(message -> listed.add(DeadLetter.of(message)));
      if (listed.size() == before) {
        break;
      }
    }
    return listed;
  }

  /**
   * Replays up to {@code max} dead letters enqueued more than {@code duplicateWindow} ago. Stops at
   * the first failed send, when the sub-queue is empty, or when it only returns messages already
   * seen in this run.
   */
  public Outcome replay(int max, Duration duplicateWindow) {
    OffsetDateTime youngest = OffsetDateTime.now(clock).minus(duplicateWindow);
    Set<Long> seen = new HashSet<>();
    List<ServiceBusReceivedMessage> held = new ArrayList<>();
    int moved = 0;
    int tooYoung = 0;
    int sentNotCompleted = 0;
    String failure = null;
    try {
      while (failure == null && moved + sentNotCompleted < max) {
        boolean fresh = false;
        boolean any = false;
        for (ServiceBusReceivedMessage message : deadLetters.receiveMessages(BATCH, RECEIVE_WAIT)) {
          any = true;
          if (!seen.add(message.getSequenceNumber())) {
            deadLetters.abandon(message);
            continue;
          }
          fresh = true;
          if (failure != null || moved + sentNotCompleted >= max) {
            deadLetters.abandon(message);
          } else if (message.getEnqueuedTime() != null && message.getEnqueuedTime().isAfter(youngest)) {
            tooYoung++;
            held.add(message);
          } else {
            try {
              queue.sendMessage(new ServiceBusMessage(message));
            } catch (RuntimeException e) {
              deadLetters.abandon(message);
              failure = "sending " + message.getMessageId() + " failed: " + e.getMessage();
              continue;
            }
            try {
              deadLetters.complete(message);
              moved++;
            } catch (RuntimeException e) {
              sentNotCompleted++;
            }
          }
        }
        if (!any || !fresh) {
          break;
        }
      }
    } finally {
      // Held until now so the loop does not receive them again at once.
      held.forEach(this::abandonQuietly);
    }
    return new Outcome(moved, tooYoung, sentNotCompleted, failure);
  }

  private void abandonQuietly(ServiceBusReceivedMessage message) {
    try {
      deadLetters.abandon(message);
    } catch (RuntimeException lockAlreadyLost) {
      // The lock expired: the message is back in the dead-letter queue either way.
    }
  }
}
