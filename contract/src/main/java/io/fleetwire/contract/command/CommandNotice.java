package io.fleetwire.contract.command;

/**
 * The note on the {@code commands} topic (Azure): "device {@code imei} has a new queued command".
 * Every front replica reads it; only the one holding the device's connection acts on it.
 */
public record CommandNotice(String imei, String commandId) {
  /** The Service Bus topic the notes go to. */
  public static final String TOPIC = "commands";
}
