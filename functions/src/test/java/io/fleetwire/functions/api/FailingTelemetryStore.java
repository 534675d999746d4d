package io.fleetwire.functions.api;

import io.fleetwire.contract.DeviceMessage;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.fleet.DeviceQuery;
import io.fleetwire.contract.fleet.FleetCounts;
import io.fleetwire.contract.fleet.MapCell;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** A store whose every call throws the given failure: an unavailable database, or a bug. */
public final class FailingTelemetryStore implements TelemetryStore {
  private final Supplier<RuntimeException> failure;

  public FailingTelemetryStore(Supplier<RuntimeException> failure) {
    this.failure = failure;
  }

  @Override
  public void upsert(List<Record> records) {
    throw failure.get();
  }

  @Override
  public Page<Record> positions(String imei, Instant from, Instant to, int limit, String continuation) {
    throw failure.get();
  }

  @Override
  public Page<Record> events(String imei, Instant from, Instant to, Set<Integer> eventIds, int limit,
      String continuation) {
    throw failure.get();
  }

  @Override
  public void storeMessages(List<DeviceMessage> messages) {
    throw failure.get();
  }

  @Override
  public Page<DeviceMessage> messages(String imei, Instant from, Instant to, int limit, String continuation) {
    throw failure.get();
  }

  @Override
  public Optional<DeviceState> device(String imei) {
    throw failure.get();
  }

  @Override
  public Page<DeviceState> devices(DeviceQuery query, int limit, String continuation) {
    throw failure.get();
  }

  @Override
  public FleetCounts fleetCounts(Instant onlineSince) {
    throw failure.get();
  }

  @Override
  public List<MapCell> mapCells(List<String> tiles) {
    throw failure.get();
  }

  @Override
  public List<DeviceState> devicesInTiles(List<String> tiles, int limit) {
    throw failure.get();
  }

  @Override
  public DeviceState register(String imei, String name) {
    throw failure.get();
  }

  @Override
  public boolean remove(String imei) {
    throw failure.get();
  }

  @Override
  public boolean isRegistered(String imei) {
    throw failure.get();
  }

  @Override
  public void reject(RejectedMessage message) {
    throw failure.get();
  }

  @Override
  public List<RejectedMessage> rejected(int limit) {
    throw failure.get();
  }
}
