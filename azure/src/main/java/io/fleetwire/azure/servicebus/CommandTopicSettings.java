package io.fleetwire.azure.servicebus;

import java.util.Map;

/**
 * Where notes about new device commands travel: the {@code commands} topic of the namespace the
 * telemetry queue lives in. The API sends one note per command; every front replica reads its
 * own subscription of the topic.
 */
public record CommandTopicSettings(String namespace, String connectionString, String topic) {
  public static final String TOPIC_ENV = "FLEETWIRE_COMMANDS_TOPIC";
  public static final String DEFAULT_TOPIC = "commands";

  public CommandTopicSettings {
    if (ServiceBusSettings.isBlank(namespace) && ServiceBusSettings.isBlank(connectionString)) {
      throw new IllegalArgumentException("the commands topic needs " + ServiceBusSettings.NAMESPACE_ENV + " or "
          + ServiceBusSettings.CONNECTION_ENV);
    }
    if (ServiceBusSettings.isBlank(topic)) {
      throw new IllegalArgumentException(TOPIC_ENV + " is empty");
    }
  }

  /**
   * Reads {@value ServiceBusSettings#NAMESPACE_ENV} or {@value ServiceBusSettings#CONNECTION_ENV}
   * and {@value #TOPIC_ENV} (default {@value #DEFAULT_TOPIC}).
   */
  public static CommandTopicSettings fromEnvironment(Map<String, String> env) {
    String topic = env.get(TOPIC_ENV);
    return new CommandTopicSettings(env.get(ServiceBusSettings.NAMESPACE_ENV), env.get(ServiceBusSettings.CONNECTION_ENV),
        ServiceBusSettings.isBlank(topic) ? DEFAULT_TOPIC : topic.strip());
  }

  /** Never prints the connection string: it holds a key. */
  @Override
  public String toString() {
    return "CommandTopicSettings[namespace=" + namespace + ", connectionString="
        + (ServiceBusSettings.isBlank(connectionString) ? "" : "***") + ", topic=" + topic + "]";
  }
}
