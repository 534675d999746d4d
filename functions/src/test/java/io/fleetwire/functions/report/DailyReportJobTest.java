package io.fleetwire.functions.report;

import io.fleetwire.contract.report.FleetDayStore;
import io.fleetwire.testsupport.report.InMemoryFleetDayStore;

class DailyReportJobTest extends DailyReportJobCases {
  @Override
  protected FleetDayStore newFleetDayStore() {
    return new InMemoryFleetDayStore();
  }
}
