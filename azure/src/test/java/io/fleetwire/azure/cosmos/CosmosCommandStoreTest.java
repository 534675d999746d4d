package io.fleetwire.azure.cosmos;

import static io.fleetwire.azure.cosmos.CosmosMocks.item;
import static io.fleetwire.azure.cosmos.CosmosMocks.page;
import static io.fleetwire.azure.cosmos.CosmosMocks.pages;
import static io.fleetwire.azure.cosmos.CosmosMocks.setOperations;
import static io.fleetwire.azure.cosmos.CosmosMocks.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.command.CommandStatus;
import io.fleetwire.contract.command.DeviceCommand;
import io.fleetwire.contract.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class CosmosCommandStoreTest {
  private static final String IMEI = "352093081452251";
  private static final Instant T0 = Instant.parse("2026-11-26T05:00:00.250Z");

  private final CosmosAsyncContainer container = mock(CosmosAsyncContainer.class);
  private final CosmosCommandStore store = new CosmosCommandStore(container, Duration.ofSeconds(5));
  private final DeviceCommand getinfo = new DeviceCommand("c-1", IMEI, "getinfo", 12, 300, CommandStatus.QUEUED, T0,
      null, null, null, null, null);

  @Test
  void createWritesTheCommandInTheDevicesPartitionWithASortableTime() {
    doReturn(Mono.just(item(null))).when(container).createItem(any(), any(), any());

    store.create(getinfo);

    ArgumentCaptor<ObjectNode> doc = ArgumentCaptor.forClass(ObjectNode.class);
    ArgumentCaptor<PartitionKey> key = ArgumentCaptor.forClass(PartitionKey.class);
    verify(container).createItem(doc.capture(), key.capture(), any(CosmosItemRequestOptions.class));
    assertEquals(new PartitionKey(IMEI), key.getValue());
    assertEquals("c-1", doc.getValue().get("id").asText());
    assertEquals(IMEI, doc.getValue().get("imei").asText());
    assertEquals("queued", doc.getValue().get("status").asText());
    assertEquals(T0.toEpochMilli(), doc.getValue().get("createdMillis").asLong());
  }

  @Test
  void getReadsThePointItemAndAMissingOneIsEmpty() {
    doReturn(Mono.just(item(CosmosCommandStore.document(getinfo))))
        .when(container).readItem(eq("c-1"), eq(new PartitionKey(IMEI)), eq(ObjectNode.class));
    doReturn(Mono.error(status(404)))
        .when(container).readItem(eq("c-2"), eq(new PartitionKey(IMEI)), eq(ObjectNode.class));

    assertEquals(Optional.of(getinfo), store.get(IMEI, "c-1"));
    assertEquals(Optional.empty(), store.get(IMEI, "c-2"));
  }

  @Test
  void queuedQueriesOnePartitionForQueuedCommandsOldestFirst() {
    doReturn(pages(page(List.of(CosmosCommandStore.document(getinfo)), null)))
        .when(container).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    assertEquals(List.of(getinfo), store.queued(IMEI));

    ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
    ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
    verify(container).queryItems(query.capture(), options.capture(), eq(ObjectNode.class));
    assertEquals(CosmosCommandStore.QUEUED_QUERY, query.getValue().getQueryText());
    assertEquals(List.of(new SqlParameter("@imei", IMEI), new SqlParameter("@status", "queued")),
        query.getValue().getParameters());
    assertEquals(new PartitionKey(IMEI), options.getValue().getPartitionKey());
  }

  @Test
  void transitionIsOnePatchConditionalOnTheExpectedStatus() throws Exception {
    doReturn(Mono.just(item(null))).when(container).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
    DeviceCommand answered = getinfo.sent(T0.plusSeconds(1)).answered(T0.plusSeconds(2), "GPS:1");

    assertTrue(store.transition(answered, CommandStatus.SENT));

    ArgumentCaptor<CosmosPatchOperations> ops = ArgumentCaptor.forClass(CosmosPatchOperations.class);
    ArgumentCaptor<CosmosPatchItemRequestOptions> options = ArgumentCaptor.forClass(CosmosPatchItemRequestOptions.class);
    verify(container).patchItem(eq("c-1"), eq(new PartitionKey(IMEI)), ops.capture(), options.capture(),
        eq(ObjectNode.class));
    assertEquals("FROM c WHERE c.status = 'sent'", options.getValue().getFilterPredicate());
    Map<String, Object> sets = setOperations(ops.getValue());
    assertEquals("answered", sets.get("SET /status"));
    assertEquals("2026-11-26T05:00:01.250Z", sets.get("SET /sentAt"));
    assertEquals("GPS:1", sets.get("SET /response"));
  }

  @Test
  void transitionFromAnotherStateIsFalse() {
    doReturn(Mono.error(status(412))).when(container).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    assertFalse(store.transition(getinfo.sent(T0), CommandStatus.QUEUED));
  }

  @Test
  void throttlingIsStoreUnavailable() {
    doReturn(Mono.error(status(429))).when(container).createItem(any(), any(), any());

    assertThrows(StoreUnavailableException.class, () -> store.create(getinfo));
  }
}
