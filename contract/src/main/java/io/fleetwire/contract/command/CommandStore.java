package io.fleetwire.contract.command;

import java.util.List;
import java.util.Optional;

/**
 * Where device commands and their outcomes are kept: written by the API (new commands) and by the
 * front that talks to the device (outcomes). Calls block; implementations are thread-safe.
 */
public interface CommandStore {
  /** Most commands {@link #recent} returns. */
  int MAX_RECENT = 100;

  /** Stores a new command; its id must not exist yet. */
  void create(DeviceCommand command);

  Optional<DeviceCommand> get(String imei, String id);

  /** Up to {@code limit} (at most {@link #MAX_RECENT}) commands of the device, newest first. */
  List<DeviceCommand> recent(String imei, int limit);

  /** The device's commands still waiting to be sent, oldest first. */
  List<DeviceCommand> queued(String imei);

  /**
   * Replaces a stored command by the next state of it, only if it is still in state
   * {@code expected}: two fronts racing for one command cannot both move it.
   *
   * @return true when the command was replaced
   */
  boolean transition(DeviceCommand next, CommandStatus expected);
}
