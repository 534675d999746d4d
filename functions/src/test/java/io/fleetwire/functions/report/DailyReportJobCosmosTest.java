package io.fleetwire.functions.report;

import io.fleetwire.azure.cosmos.CosmosServerStores;
import io.fleetwire.contract.report.FleetDayStore;

/**
 * The scheduled computation storing into Cosmos DB through the real client, on the Cosmos test
 * server, in the {@code dailyReports} container as {@code infra/cosmos/containers} declares it.
 */
class DailyReportJobCosmosTest extends DailyReportJobCases {
  @Override
  protected FleetDayStore newFleetDayStore() {
    return CosmosServerStores.fleetDayStore();
  }
}
