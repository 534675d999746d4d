package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemOperationType;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Json;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.RejectedMessage;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static io.fleetwire.azure.cosmos.CosmosMocks.bulkError;
import static io.fleetwire.azure.cosmos.CosmosMocks.bulkStatus;
import static io.fleetwire.azure.cosmos.CosmosMocks.item;
import static io.fleetwire.azure.cosmos.CosmosMocks.page;
import static io.fleetwire.azure.cosmos.CosmosMocks.pages;
import static io.fleetwire.azure.cosmos.CosmosMocks.setOperations;
import static io.fleetwire.azure.cosmos.CosmosMocks.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class CosmosTelemetryStoreTest {
  private static final String IMEI = "356307042441013";
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final CosmosAsyncContainer telemetry = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer devices = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer rejected = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer messages = mock(CosmosAsyncContainer.class);
  private final CosmosTelemetryStore store = new CosmosTelemetryStore(telemetry, devices, rejected, messages, null, TIMEOUT);
  private final List<CosmosItemOperation> bulkSent = new ArrayList<>();

  static Record record(String imei, Instant ts, int event) {
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(239, 1L);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) ts.getEpochSecond()}), imei, ts, ts.plusSeconds(2),
        54.6872, 25.2797, 120, 90, 60, 9, 1, event, null, io, null, null);
  }

  @BeforeEach
  void bulkAndPatchSucceedByDefault() {
    answerBulkWith(200);
    doReturn(Mono.just(item(null))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
  }

  private void answerBulkWith(int status) {
    doAnswer(call -> {
      Flux<CosmosItemOperation> operations = call.getArgument(0);
      List<CosmosBulkOperationResponse<Object>> responses = new ArrayList<>();
      for (CosmosItemOperation operation : operations.collectList().block()) {
        bulkSent.add(operation);
        responses.add(bulkStatus(operation, status));
      }
      return Flux.fromIterable(responses);
    }).when(telemetry).executeBulkOperations(any());
  }

  private record Patch(String id, PartitionKey key, CosmosPatchOperations operations, CosmosPatchItemRequestOptions options) {
  }

  private List<Patch> patches(int count) {
    ArgumentCaptor<String> id = ArgumentCaptor.forClass(String.class);
    ArgumentCaptor<PartitionKey> key = ArgumentCaptor.forClass(PartitionKey.class);
    ArgumentCaptor<CosmosPatchOperations> ops = ArgumentCaptor.forClass(CosmosPatchOperations.class);
    ArgumentCaptor<CosmosPatchItemRequestOptions> options = ArgumentCaptor.forClass(CosmosPatchItemRequestOptions.class);
    verify(devices, times(count)).patchItem(id.capture(), key.capture(), ops.capture(), options.capture(),
        eq(ObjectNode.class));
    List<Patch> patches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      patches.add(new Patch(id.getAllValues().get(i), key.getAllValues().get(i), ops.getAllValues().get(i),
          options.getAllValues().get(i)));
    }
    return patches;
  }

  @Test
  void upsertSendsOneBulkUpsertPerRecordByIdInItsDevicePartition() {
    Record first = record(IMEI, T0, 0);
    Record other = record("356307042441014", T0.plusMillis(250), 0);
    store.upsert(List.of(first, other));

    assertEquals(2, bulkSent.size());
    CosmosItemOperation op = bulkSent.get(0);
    assertEquals(CosmosItemOperationType.UPSERT, op.getOperationType());
    assertEquals(new PartitionKey(IMEI), op.getPartitionKeyValue());
    ObjectNode doc = op.getItem();
    assertEquals(first.id(), doc.get("id").asText());
    assertEquals(first, CosmosDocuments.record(doc));
    assertEquals("2024-03-01T10:00:00.000Z", doc.get("tsKey").asText());
    assertFalse(doc.has("ttl"));
    assertEquals(new PartitionKey("356307042441014"), bulkSent.get(1).getPartitionKeyValue());
    assertEquals("2024-03-01T10:00:00.250Z", ((ObjectNode) bulkSent.get(1).getItem()).get("tsKey").asText());
  }

  @Test
  void upsertWritesTheConfiguredRetentionAsDocumentTtl() {
    new CosmosTelemetryStore(telemetry, devices, rejected, messages, Duration.ofDays(30), TIMEOUT)
        .upsert(List.of(record(IMEI, T0, 0)));

    assertEquals(30 * 86_400L, ((ObjectNode) bulkSent.get(0).getItem()).get("ttl").asLong());
  }

  @Test
  void latestStateMovesForwardOnlyThroughAConditionalPatch() throws Exception {
    Record older = record(IMEI, T0, 0);
    Record newest = record(IMEI, T0.plusSeconds(5), 0);
    store.upsert(List.of(newest, older));

    List<Patch> sent = patches(2);
    Patch last = sent.get(0);
    assertEquals(IMEI, last.id());
    assertEquals(new PartitionKey(IMEI), last.key());
    assertEquals("FROM d WHERE d.lastTs < '2024-03-01T10:00:05.000Z'", last.options().getFilterPredicate());
    Map<String, Object> sets = setOperations(last.operations());
    assertEquals("2024-03-01T10:00:05.000Z", sets.get("SET /lastTs"));
    assertEquals(newest, Json.mapper().treeToValue((ObjectNode) sets.get("SET /last"), Record.class));
    Patch seen = sent.get(1);
    assertEquals("FROM d WHERE d.lastSeen < '2024-03-01T10:00:07.000Z'", seen.options().getFilterPredicate());
    assertEquals(Map.of("SET /lastSeen", "2024-03-01T10:00:07.000Z"), setOperations(seen.operations()));
  }

  @Test
  void aRejectedPatchPreconditionMeansNotNewerAndIsIgnored() {
    doReturn(Mono.error(status(412))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    store.upsert(List.of(record(IMEI, T0, 0)));

    verify(devices, never()).createItem(any(), any(), any());
  }

  @Test
  void aDeviceUnknownToThePatchIsCreatedUnregisteredWithItsState() {
    doReturn(Mono.error(status(404))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
    doReturn(Mono.just(item(null))).when(devices).createItem(any(), any(), any());
    Record newest = record(IMEI, T0, 0);

    store.upsert(List.of(newest));

    ArgumentCaptor<Object> doc = ArgumentCaptor.forClass(Object.class);
    ArgumentCaptor<PartitionKey> key = ArgumentCaptor.forClass(PartitionKey.class);
    verify(devices).createItem(doc.capture(), key.capture(), any(CosmosItemRequestOptions.class));
    assertEquals(new PartitionKey(IMEI), key.getValue());
    DeviceState state = CosmosDocuments.deviceState((ObjectNode) doc.getValue());
    assertEquals(new DeviceState(IMEI, null, false, T0.plusSeconds(2), newest), state);
    assertEquals(IMEI, ((ObjectNode) doc.getValue()).get("id").asText());
    assertEquals("2024-03-01T10:00:00.000Z", ((ObjectNode) doc.getValue()).get("lastTs").asText());
  }

  @Test
  void aThrottledBulkItemIsTransientAndLeavesTheDeviceStateAlone() {
    answerBulkWith(429);

    assertThrows(StoreUnavailableException.class, () -> store.upsert(List.of(record(IMEI, T0, 0))));
    verify(devices, never()).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
  }

  @Test
  void aBulkItemFailingWithServiceUnavailableIsTransient() {
    doAnswer(call -> {
      Flux<CosmosItemOperation> operations = call.getArgument(0);
      return operations.map(op -> bulkError(op, status(503)));
    }).when(telemetry).executeBulkOperations(any());

    Record record = record(IMEI, T0, 0);
    StoreUnavailableException error = assertThrows(StoreUnavailableException.class,
        () -> store.upsert(List.of(record)));
    assertTrue(error.getMessage().contains("503") && error.getMessage().contains(record.id()), error.getMessage());
  }

  @Test
  void aBadRequestIsARefusalNotAnOutage() {
    answerBulkWith(400);

    StoreRefusedException error = assertThrows(StoreRefusedException.class,
        () -> store.upsert(List.of(record(IMEI, T0, 0))));
    assertTrue(error.getMessage().contains("status 400"), error.getMessage());
  }

  @Test
  void aStoreThatDoesNotAnswerInTimeIsUnavailable() {
    doReturn(Flux.never()).when(telemetry).executeBulkOperations(any());
    CosmosTelemetryStore impatient = new CosmosTelemetryStore(telemetry, devices, rejected, messages, null, Duration.ofMillis(50));

    assertThrows(StoreUnavailableException.class, () -> impatient.upsert(List.of(record(IMEI, T0, 0))));
  }

  @Test
  void positionsQueryOnePartitionByTimeKeyRangeAPageAtATime() {
    Record r = record(IMEI, T0, 0);
    doReturn(pages(page(List.of(CosmosDocuments.telemetry(r, null)), "token-2")))
        .when(telemetry).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    Page<Record> page = store.positions(IMEI, T0, T0.plusSeconds(3600), 50, "token-1");

    assertEquals(List.of(r), page.items());
    assertEquals("token-2", page.next());
    ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
    ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
    verify(telemetry).queryItems(query.capture(), options.capture(), eq(ObjectNode.class));
    assertEquals("SELECT * FROM c WHERE c.imei = @imei AND c.tsKey >= @from AND c.tsKey < @to"
        + " ORDER BY c.tsKey ASC, c.id ASC", query.getValue().getQueryText());
    assertEquals(List.of(new SqlParameter("@imei", IMEI), new SqlParameter("@from", "2024-03-01T10:00:00.000Z"),
        new SqlParameter("@to", "2024-03-01T11:00:00.000Z")), query.getValue().getParameters());
    assertEquals(new PartitionKey(IMEI), options.getValue().getPartitionKey());
  }

  @Test
  void positionsAskTheSdkForThePageAfterTheContinuationOfTheRequestedSize() {
    var result = pages(page(List.of(), null));
    doReturn(result).when(telemetry).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class),
        eq(ObjectNode.class));

    Page<Record> page = store.positions(IMEI, T0, T0.plusSeconds(60), 25, "token-1");

    verify(result).byPage("token-1", 25);
    assertNull(page.next());
  }

  @Test
  void eventsMatchTheEventIdsWithArrayContains() {
    Record crash = record(IMEI, T0, 247);
    doReturn(pages(page(List.of(CosmosDocuments.telemetry(crash, null)), null)))
        .when(telemetry).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    List<Record> events = store.events(IMEI, T0, T0.plusSeconds(60), Set.of(252, 247, 249));

    assertEquals(List.of(crash), events);
    ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
    verify(telemetry).queryItems(query.capture(), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));
    assertTrue(query.getValue().getQueryText().contains("ARRAY_CONTAINS(@events, c.event)"));
    assertEquals(new SqlParameter("@events", List.of(247, 249, 252)), query.getValue().getParameters().get(3));
  }

  @Test
  void deviceIsAPointReadByImeiInItsPartition() {
    ObjectNode doc = CosmosDocuments.seenDevice(IMEI, record(IMEI, T0, 0), T0.plusSeconds(2));
    doReturn(Mono.just(item(doc))).when(devices).readItem(IMEI, new PartitionKey(IMEI), ObjectNode.class);

    Optional<DeviceState> device = store.device(IMEI);

    assertEquals(Optional.of(new DeviceState(IMEI, null, false, T0.plusSeconds(2), record(IMEI, T0, 0))), device);
  }

  @Test
  void anUnknownDeviceIsNotFound() {
    doReturn(Mono.error(status(404))).when(devices).readItem(anyString(), any(), eq(ObjectNode.class));

    assertEquals(Optional.empty(), store.device(IMEI));
    assertFalse(store.isRegistered(IMEI));
  }

  @Test
  void aThrottledReadIsTransient() {
    doReturn(Mono.error(status(429))).when(devices).readItem(anyString(), any(), eq(ObjectNode.class));

    assertThrows(StoreUnavailableException.class, () -> store.device(IMEI));
  }

  @Test
  void registerSetsNameAndFlagOnAnExistingDevice() throws Exception {
    ObjectNode after = CosmosDocuments.device(IMEI, "Van 7", true);
    doReturn(Mono.just(item(after))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    DeviceState state = store.register(IMEI, "Van 7");

    assertEquals(new DeviceState(IMEI, "Van 7", true, null, null), state);
    Patch patch = patches(1).get(0);
    assertEquals(Map.of("SET /name", "Van 7", "SET /registered", true), setOperations(patch.operations()));
    assertNull(patch.options().getFilterPredicate());
  }

  @Test
  void registerCreatesAnUnknownDevice() {
    doReturn(Mono.error(status(404))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
    doReturn(Mono.just(item(null))).when(devices).createItem(any(), any(), any());

    DeviceState state = store.register(IMEI, "Van 7");

    assertEquals(new DeviceState(IMEI, "Van 7", true, null, null), state);
    ArgumentCaptor<Object> doc = ArgumentCaptor.forClass(Object.class);
    verify(devices).createItem(doc.capture(), eq(new PartitionKey(IMEI)), any(CosmosItemRequestOptions.class));
    assertTrue(((ObjectNode) doc.getValue()).get("registered").asBoolean());
  }

  @Test
  void removeClearsTheFlagOnlyOfARegisteredDevice() throws Exception {
    assertTrue(store.remove(IMEI));

    Patch patch = patches(1).get(0);
    assertEquals("FROM d WHERE d.registered = true", patch.options().getFilterPredicate());
    assertEquals(Map.of("SET /registered", false), setOperations(patch.operations()));
  }

  @Test
  void removeOfAnUnregisteredOrUnknownDeviceIsFalse() {
    doReturn(Mono.error(status(412)), Mono.error(status(404)))
        .when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    assertFalse(store.remove(IMEI));
    assertFalse(store.remove(IMEI));
  }

  @Test
  void isRegisteredReadsTheFlag() {
    doReturn(Mono.just(item(CosmosDocuments.device(IMEI, "Van 7", true))))
        .when(devices).readItem(IMEI, new PartitionKey(IMEI), ObjectNode.class);

    assertTrue(store.isRegistered(IMEI));
  }

  @Test
  void rejectKeepsTheMessageInItsDevicePartitionOrWithoutOne() {
    doReturn(Mono.just(item(null))).when(rejected).upsertItem(any(), any(PartitionKey.class), any());
    RejectedMessage known = new RejectedMessage("m1", T0, IMEI, "unknown schema version 9", "{}");
    RejectedMessage anonymous = new RejectedMessage("m2", T0, null, "not JSON", "garbage");

    store.reject(known);
    store.reject(anonymous);

    ArgumentCaptor<Object> doc = ArgumentCaptor.forClass(Object.class);
    ArgumentCaptor<PartitionKey> key = ArgumentCaptor.forClass(PartitionKey.class);
    verify(rejected, times(2)).upsertItem(doc.capture(), key.capture(), any(CosmosItemRequestOptions.class));
    assertEquals(new PartitionKey(IMEI), key.getAllValues().get(0));
    assertEquals(known, CosmosDocuments.rejectedMessage((ObjectNode) doc.getAllValues().get(0)));
    assertEquals(PartitionKey.NONE, key.getAllValues().get(1));
    assertFalse(((ObjectNode) doc.getAllValues().get(1)).has("imei"));
    assertEquals(anonymous, CosmosDocuments.rejectedMessage((ObjectNode) doc.getAllValues().get(1)));
  }

  @Test
  void rejectedListsTheNewestOldestFirst() {
    RejectedMessage older = new RejectedMessage("m1", T0, IMEI, "a", "{}");
    RejectedMessage newer = new RejectedMessage("m2", T0.plusSeconds(1), IMEI, "b", "{}");
    doReturn(pages(page(List.of(CosmosDocuments.rejected(newer), CosmosDocuments.rejected(older)), null)))
        .when(rejected).queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    assertEquals(List.of(older, newer), store.rejected(2));
    ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
    verify(rejected).queryItems(query.capture(), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));
    assertEquals("SELECT TOP @limit * FROM c ORDER BY c.at DESC", query.getValue().getQueryText());
    assertEquals(List.of(new SqlParameter("@limit", 2)), query.getValue().getParameters());
  }
}
