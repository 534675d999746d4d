package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.report.FleetDayStore;

/**
 * Stores on a fresh database of the test JVM's Cosmos server, handed out as their ports: tests in
 * other modules use them without importing an Azure SDK.
 */
public final class CosmosServerStores {
  private CosmosServerStores() {
  }

  /** A {@link CosmosFleetDayStore} in the declared {@code dailyReports} container of a new database. */
  public static FleetDayStore fleetDayStore() {
    return new CosmosFleetDayStore(CosmosServerDatabase.create().container(CosmosFleetDayStore.DAILY_REPORTS),
        CosmosServerDatabase.TIMEOUT);
  }
}
