package io.fleetwire.contract.command;

/**
 * Tells the fronts that a device has a new queued command, so the one holding the device's
 * connection sends it now. Fire-and-forget: a front that misses the note still finds the command
 * in the {@link CommandStore} after the device's next acked data frame.
 */
@FunctionalInterface
public interface CommandDispatcher {

  void commandQueued(String imei, String commandId);

  /** For a deployment without fronts to notify. */
  static CommandDispatcher none() {
    return (imei, commandId) -> { };
  }
}
