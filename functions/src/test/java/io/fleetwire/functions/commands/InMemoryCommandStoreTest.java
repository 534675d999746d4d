package io.fleetwire.functions.commands;

import io.fleetwire.testsupport.store.CommandStoreContract;

import io.fleetwire.contract.command.CommandStore;
import io.fleetwire.contract.command.InMemoryCommandStore;

class InMemoryCommandStoreTest extends CommandStoreContract {
  @Override
  protected CommandStore newStore() {
    return new InMemoryCommandStore();
  }
}
