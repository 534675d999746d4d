package io.fleetwire.azure.servicebus;

import java.time.Duration;
import java.util.Map;

/**
 * How the front reaches Service Bus and packs envelopes. Either {@code namespace} (fully qualified,
 * e.g. {@code fleetwire.servicebus.windows.net}, reached with {@code DefaultAzureCredential}) or
 * {@code connectionString} is set; the namespace wins when both are.
 *
 * @param envelopeBytes upper bound of one message body; at most {@link #MAX_ENVELOPE_BYTES}, the
 *     Standard tier's message size limit
 * @param envelopeLinger how long a non-empty envelope waits for more batches before it is sent
 * @param maxPendingBatches batches accepted but not yet confirmed, beyond which publish fails fast
 * @param maxPendingBytes serialized bytes accepted but not yet confirmed, likewise
 * @param maxRetries SDK retries of one send before its failure reaches the devices
 * @param tryTimeout SDK timeout of one send attempt
 */
public record ServiceBusSettings(
    String namespace,
    String connectionString,
    String queue,
    int envelopeBytes,
    Duration envelopeLinger,
    int maxPendingBatches,
    long maxPendingBytes,
    int maxRetries,
    Duration tryTimeout) {

  public static final String NAMESPACE_ENV = "FLEETWIRE_SERVICEBUS_NAMESPACE";
  public static final String CONNECTION_ENV = "FLEETWIRE_SERVICEBUS_CONNECTION";
  public static final String QUEUE_ENV = "FLEETWIRE_QUEUE";
  public static final String DEFAULT_QUEUE = "telemetry";
  /** Service Bus Standard's maximum message size. */
  public static final int MAX_ENVELOPE_BYTES = 256 * 1024;
  public static final int DEFAULT_ENVELOPE_BYTES = 192 * 1024;
  public static final Duration DEFAULT_ENVELOPE_LINGER = Duration.ofMillis(5);
  public static final int DEFAULT_MAX_PENDING_BATCHES = 20_000;
  public static final long DEFAULT_MAX_PENDING_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_TRY_TIMEOUT = Duration.ofSeconds(10);
  /** Room left for the envelope's own JSON around the batches. */
  static final int MIN_ENVELOPE_BYTES = 4 * 1024;

  public ServiceBusSettings {
    if (isBlank(namespace) && isBlank(connectionString)) {
      throw new IllegalArgumentException("Service Bus needs " + NAMESPACE_ENV + " or " + CONNECTION_ENV);
    }
    if (isBlank(queue)) {
      throw new IllegalArgumentException("Service Bus queue name is empty");
    }
    if (envelopeBytes < MIN_ENVELOPE_BYTES || envelopeBytes > MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException("envelope bytes must be between " + MIN_ENVELOPE_BYTES + " and "
          + MAX_ENVELOPE_BYTES + " (the Standard tier's message limit), got " + envelopeBytes);
    }
    if (envelopeLinger == null || envelopeLinger.isNegative() || envelopeLinger.isZero()) {
      throw new IllegalArgumentException("envelope linger must be positive, got " + envelopeLinger);
    }
    if (maxPendingBatches < 1 || maxPendingBytes < envelopeBytes) {
      throw new IllegalArgumentException("pending bounds must allow at least one batch and one envelope, got "
          + maxPendingBatches + " batches / " + maxPendingBytes + " bytes");
    }
    if (maxRetries < 0 || tryTimeout == null || tryTimeout.isNegative() || tryTimeout.isZero()) {
      throw new IllegalArgumentException("retries must be >= 0 and the try timeout positive");
    }
  }

  /** Defaults for everything but where to connect. */
  public static ServiceBusSettings of(String namespace, String connectionString, String queue) {
    return new ServiceBusSettings(namespace, connectionString, queue, DEFAULT_ENVELOPE_BYTES,
        DEFAULT_ENVELOPE_LINGER, DEFAULT_MAX_PENDING_BATCHES, DEFAULT_MAX_PENDING_BYTES,
        DEFAULT_MAX_RETRIES, DEFAULT_TRY_TIMEOUT);
  }

  /** True when the environment names a namespace or a connection string. */
  public static boolean isConfigured(Map<String, String> env) {
    return !isBlank(env.get(NAMESPACE_ENV)) || !isBlank(env.get(CONNECTION_ENV));
  }

  /** Reads {@value #NAMESPACE_ENV}, {@value #CONNECTION_ENV} and {@value #QUEUE_ENV}. */
  public static ServiceBusSettings fromEnvironment(Map<String, String> env) {
    String queue = env.get(QUEUE_ENV);
    return of(env.get(NAMESPACE_ENV), env.get(CONNECTION_ENV), isBlank(queue) ? DEFAULT_QUEUE : queue);
  }

  public ServiceBusSettings withEnvelope(int bytes, Duration linger) {
    return new ServiceBusSettings(namespace, connectionString, queue, bytes, linger, maxPendingBatches,
        maxPendingBytes, maxRetries, tryTimeout);
  }

  public ServiceBusSettings withPendingBounds(int batches, long bytes) {
    return new ServiceBusSettings(namespace, connectionString, queue, envelopeBytes, envelopeLinger, batches,
        bytes, maxRetries, tryTimeout);
  }

  /** Never prints the connection string: it holds a key. */
  @Override
  public String toString() {
    return "ServiceBusSettings[namespace=" + namespace + ", connectionString=" + (isBlank(connectionString) ? "" : "***")
        + ", queue=" + queue + ", envelopeBytes=" + envelopeBytes + ", envelopeLinger=" + envelopeLinger
        + ", maxPendingBatches=" + maxPendingBatches + ", maxPendingBytes=" + maxPendingBytes
        + ", maxRetries=" + maxRetries + ", tryTimeout=" + tryTimeout + "]";
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
