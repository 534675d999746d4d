package io.fleetwire.contract.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CommandStore} in one map: for tests and for a process that keeps nothing on disk. */
public final class InMemoryCommandStore implements CommandStore {
  private final Map<String, DeviceCommand> byId = new LinkedHashMap<>();

  @Override
  public synchronized void create(DeviceCommand command) {
    if (byId.putIfAbsent(command.id(), command) != null) {
      throw new IllegalArgumentException("command " + command.id() + " exists already");
    }
  }

  @Override
  public synchronized Optional<DeviceCommand> get(String imei, String id) {
    return Optional.ofNullable(byId.get(id)).filter(c -> c.imei().equals(imei));
  }

  @Override
  public synchronized List<DeviceCommand> recent(String imei, int limit) {
    List<DeviceCommand> mine = ofDevice(imei);
    mine.sort(Comparator.comparing(DeviceCommand::createdAt).reversed());
    return List.copyOf(mine.subList(0, Math.min(mine.size(), Math.min(limit, MAX_RECENT))));
  }

  @Override
  public synchronized List<DeviceCommand> queued(String imei) {
    List<DeviceCommand> mine = ofDevice(imei);
    mine.removeIf(c -> c.status() != CommandStatus.QUEUED);
    mine.sort(Comparator.comparing(DeviceCommand::createdAt));
    return List.copyOf(mine);
  }

  @Override
  public synchronized boolean transition(DeviceCommand next, CommandStatus expected) {
    DeviceCommand current = byId.get(next.id());
    if (current == null || current.status() != expected) {
      return false;
    }
    byId.put(next.id(), next);
    return true;
  }

  private List<DeviceCommand> ofDevice(String imei) {
    List<DeviceCommand> mine = new ArrayList<>();
    for (DeviceCommand command : byId.values()) {
      if (command.imei().equals(imei)) {
        mine.add(command);
      }
    }
    return mine;
  }
}
