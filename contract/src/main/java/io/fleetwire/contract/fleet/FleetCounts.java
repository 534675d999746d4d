package io.fleetwire.contract.fleet;

/**
 * The fleet at a glance: every device the store knows, those whose data arrived since the
 * online threshold, and the online ones whose last record shows them moving (speed above 0).
 */
public record FleetCounts(long devices, long online, long moving) {
  public FleetCounts {
    if (devices < 0 || online < 0 || moving < 0 || online > devices || moving > online) {
      throw new IllegalArgumentException("inconsistent counts: devices " + devices + ", online " + online
          + ", moving " + moving);
    }
  }

  public long offline() {
    return devices - online;
  }
}
