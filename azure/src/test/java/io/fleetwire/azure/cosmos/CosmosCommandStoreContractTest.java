package io.fleetwire.azure.cosmos;

import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.testsupport.store.CommandStoreContract;

/** The Cosmos command store through the real client against the Cosmos server. */
class CosmosCommandStoreContractTest extends CommandStoreContract {
  @Override
  protected CommandStore newStore() {
    return new CosmosCommandStore(CosmosServerDatabase.create().container(CosmosCommandStore.COMMANDS),
        CosmosServerDatabase.TIMEOUT);
  }
}
