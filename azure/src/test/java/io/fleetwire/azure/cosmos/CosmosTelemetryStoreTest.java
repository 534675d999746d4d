package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static io.fleetwire.azure.cosmos.CosmosMocks.bulkError;
import static io.fleetwire.azure.cosmos.CosmosMocks.bulkStatus;
import static io.fleetwire.azure.cosmos.CosmosMocks.status;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What no Cosmos server here produces: throttling (429), outages (503), timeouts (408, no answer),
 * a document refused as too large (413).
 * Everything else the store does is in {@link CosmosTelemetryStoreContractTest}, against the server.
 */
class CosmosTelemetryStoreTest {
  private static final String IMEI = "356307042441013";
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final CosmosAsyncContainer telemetry = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer devices = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer rejected = mock(CosmosAsyncContainer.class);
  private final CosmosAsyncContainer messages = mock(CosmosAsyncContainer.class);
  private final CosmosTelemetryStore store = new CosmosTelemetryStore(telemetry, devices, rejected, messages, null,
      TIMEOUT);

  static Record record(String imei, Instant ts) {
    TreeMap<Integer, Long> io = new TreeMap<>();
    io.put(239, 1L);
    return new Record(RecordId.of(imei, ts, new byte[] {(byte) ts.getEpochSecond()}), imei, ts, ts.plusSeconds(2),
        54.6872, 25.2797, 120, 90, 60, 9, 1, 0, null, io, null, null);
  }

  private void answerBulkWith(int status) {
    doAnswer(call -> {
      Flux<CosmosItemOperation> operations = call.getArgument(0);
      List<CosmosBulkOperationResponse<Object>> responses = new ArrayList<>();
      for (CosmosItemOperation operation : operations.collectList().block()) {
        responses.add(bulkStatus(operation, status));
      }
      return Flux.fromIterable(responses);
    }).when(telemetry).executeBulkOperations(any());
  }

  @Test
  void aThrottledBulkItemIsTransientAndLeavesTheDeviceStateAlone() {
    answerBulkWith(429);

    assertThrows(StoreUnavailableException.class, () -> store.upsert(List.of(record(IMEI, T0))));
    verify(devices, never()).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));
  }

  @Test
  void aBulkItemFailingWithServiceUnavailableIsTransient() {
    doAnswer(call -> {
      Flux<CosmosItemOperation> operations = call.getArgument(0);
      return operations.map(op -> bulkError(op, status(503)));
    }).when(telemetry).executeBulkOperations(any());

    Record record = record(IMEI, T0);
    StoreUnavailableException error = assertThrows(StoreUnavailableException.class,
        () -> store.upsert(List.of(record)));
    assertTrue(error.getMessage().contains("503") && error.getMessage().contains(record.id()), error.getMessage());
  }

  @Test
  void aDocumentRefusedAsTooLargeIsARefusalNotAnOutage() {
    answerBulkWith(413);

    StoreRefusedException error = assertThrows(StoreRefusedException.class,
        () -> store.upsert(List.of(record(IMEI, T0))));
    assertTrue(error.getMessage().contains("status 413"), error.getMessage());
  }

  @Test
  void aStoreThatDoesNotAnswerInTimeIsUnavailable() {
    doReturn(Flux.never()).when(telemetry).executeBulkOperations(any());
    CosmosTelemetryStore impatient = new CosmosTelemetryStore(telemetry, devices, rejected, messages, null,
        Duration.ofMillis(50));

    assertThrows(StoreUnavailableException.class, () -> impatient.upsert(List.of(record(IMEI, T0))));
  }

  @Test
  void aDevicePatchThatTimesOutIsTransientAndNamesTheDevice() {
    answerBulkWith(201);
    doReturn(Mono.error(status(408))).when(devices).patchItem(anyString(), any(), any(), any(), eq(ObjectNode.class));

    StoreUnavailableException error = assertThrows(StoreUnavailableException.class,
        () -> store.upsert(List.of(record(IMEI, T0))));
    assertTrue(error.getMessage().contains(IMEI) && error.getMessage().contains("408"), error.getMessage());
  }

  @Test
  void aThrottledReadIsTransient() {
    doReturn(Mono.error(status(429))).when(devices).readItem(anyString(), any(), eq(ObjectNode.class));

    assertThrows(StoreUnavailableException.class, () -> store.device(IMEI));
    assertThrows(StoreUnavailableException.class, () -> store.isRegistered(IMEI));
  }

  @Test
  void aQueryOfAnUnavailableServiceIsTransient() {
    doReturn(CosmosMocks.failingPages(status(503))).when(telemetry)
        .queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(ObjectNode.class));

    assertThrows(StoreUnavailableException.class, () -> store.positions(IMEI, T0, T0.plusSeconds(60), 10, null));
  }
}
