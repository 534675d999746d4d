package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.contract.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

import static io.fleetwire.azure.cosmos.CosmosMocks.status;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

/**
 * What no Cosmos server here produces: throttling, outages, timeouts. The command store's behaviour
 * is in {@link CosmosCommandStoreContractTest}, against the server.
 */
class CosmosCommandStoreTest {
  private static final String IMEI = "352093081452251";
  private static final Instant T0 = Instant.parse("2026-11-26T05:00:00.250Z");

  private final CosmosAsyncContainer container = mock(CosmosAsyncContainer.class);
  private final CosmosCommandStore store = new CosmosCommandStore(container, Duration.ofSeconds(5));
  private final DeviceCommand getinfo = new DeviceCommand("c-1", IMEI, "getinfo", 12, 300, CommandStatus.QUEUED, T0,
      null, null, null, null, null);

  @Test
  void throttlingIsStoreUnavailable() {
    doReturn(Mono.error(status(429))).when(container).createItem(any(), any(), any());

    assertThrows(StoreUnavailableException.class, () -> store.create(getinfo));
  }

  @Test
  void aTransitionThatTimesOutIsStoreUnavailable() {
    doReturn(Mono.error(status(408))).when(container).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    assertThrows(StoreUnavailableException.class, () -> store.transition(getinfo.sent(T0), CommandStatus.QUEUED));
  }

  @Test
  void aQueryOfAnUnavailableServiceIsStoreUnavailable() {
    doReturn(CosmosMocks.failingPages(status(503))).when(container)
        .queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    assertThrows(StoreUnavailableException.class, () -> store.queued(IMEI));
  }

  @Test
  void aReadWithoutAnswerIsStoreUnavailable() {
    doReturn(Mono.never()).when(container).readItem(anyString(), any(), eq(ObjectNode.class));
    CosmosCommandStore impatient = new CosmosCommandStore(container, Duration.ofMillis(50));

    assertThrows(StoreUnavailableException.class, () -> impatient.get(IMEI, "c-1"));
  }
}
