package io.fleetwire.functions.alert;

import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.testsupport.store.AlertStoreContract;
import io.fleetwire.testsupport.store.InMemoryAlertStore;

class InMemoryAlertStoreTest extends AlertStoreContract {
  @Override
  protected AlertStore newStore() {
    return new InMemoryAlertStore();
  }
}
