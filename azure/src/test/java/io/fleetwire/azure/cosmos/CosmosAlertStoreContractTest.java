package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.testsupport.store.AlertStoreContract;

/** The Cosmos alert store through the real client against the Cosmos server. */
class CosmosAlertStoreContractTest extends AlertStoreContract {
  @Override
  protected AlertStore newStore() {
    return new CosmosAlertStore(CosmosServerDatabase.create().database(), CosmosServerDatabase.TIMEOUT);
  }
}
