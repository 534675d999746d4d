package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Json;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The registry reads the device documents the store writes: against the Cosmos server through the
 * real client, except throttling, outages and timeouts (Mockito).
 */
class CosmosDeviceRegistryTest {
  private static final String IMEI = "356307042441013";

  private final CosmosAsyncContainer devices = mock(CosmosAsyncContainer.class);
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final CosmosDeviceRegistry registry = new CosmosDeviceRegistry(devices, Duration.ofSeconds(30),
      Duration.ofMillis(200), now::get);

  private static Mono<CosmosItemResponse<ObjectNode>> document(boolean registered) {
    ObjectNode doc = Json.mapper().createObjectNode().put("id", IMEI).put("imei", IMEI).put("registered", registered);
    @SuppressWarnings("unchecked")
    CosmosItemResponse<ObjectNode> response = mock(CosmosItemResponse.class);
    when(response.getItem()).thenReturn(doc);
    return Mono.just(response);
  }

  private static CosmosException status(int code) {
    return new CosmosException(code, "status " + code) {
    };
  }

  private void answer(Mono<?> first, Mono<?>... then) {
    doReturn(first, (Object[]) then).when(devices).readItem(anyString(), any(), eq(ObjectNode.class));
  }

  private void afterSeconds(long seconds) {
    now.addAndGet(Duration.ofSeconds(seconds).toNanos());
  }

  /** The store and a registry on one database of the Cosmos server; the registry's container counts reads. */
  private final class OnServer {
    final CosmosServerDatabase database = CosmosServerDatabase.create();
    final CosmosTelemetryStore store = database.telemetryStore();
    final CosmosAsyncContainer container = spy(database.container(CosmosTelemetryStore.DEVICES));
    final CosmosDeviceRegistry registry = new CosmosDeviceRegistry(container, Duration.ofSeconds(30),
        CosmosServerDatabase.TIMEOUT, now::get);
  }

  @Test
  void acceptsARegisteredDeviceAndRefusesAnUnknownOrUnregisteredOne() {
    OnServer server = new OnServer();
    server.store.register(IMEI, "Van 7");
    server.store.upsert(List.of(CosmosTelemetryStoreTest.record("352093081452251", Instant.parse("2026-11-28T06:00:00Z"))));

    assertTrue(server.registry.accepts(IMEI));
    assertFalse(server.registry.accepts("352093081452251"), "seen but not registered");
    assertFalse(server.registry.accepts("359632100000001"), "unknown");
    verify(server.container).readItem(IMEI, new PartitionKey(IMEI), ObjectNode.class);
  }

  @Test
  void answersFromTheCacheForThirtySeconds() {
    OnServer server = new OnServer();
    server.store.register(IMEI, "Van 7");

    assertTrue(server.registry.accepts(IMEI));
    afterSeconds(29);
    assertTrue(server.registry.accepts(IMEI));
    verify(server.container, times(1)).readItem(anyString(), any(), eq(ObjectNode.class));
  }

  @Test
  void aRemovedDeviceIsRefusedAtItsFirstLoginAfterTheCacheExpires() {
    OnServer server = new OnServer();
    server.store.register(IMEI, "Van 7");

    assertTrue(server.registry.accepts(IMEI));
    server.store.remove(IMEI);
    afterSeconds(31);
    assertFalse(server.registry.accepts(IMEI));
  }

  @Test
  void aNewlyRegisteredDeviceIsAcceptedOnceTheRefusalExpires() {
    OnServer server = new OnServer();

    assertFalse(server.registry.accepts(IMEI));
    server.store.register(IMEI, "Van 7");
    afterSeconds(31);
    assertTrue(server.registry.accepts(IMEI));
  }

  @Test
  void keepsTheLastAnswerWhileTheRegistryIsThrottledOrUnavailable() {
    answer(document(true), Mono.error(status(429)), Mono.error(status(503)));

    assertTrue(registry.accepts(IMEI));
    afterSeconds(31);
    assertTrue(registry.accepts(IMEI));
    assertTrue(registry.accepts(IMEI));
    verify(devices, times(3)).readItem(anyString(), any(), eq(ObjectNode.class));
  }

  @Test
  void refusesADeviceWithoutACachedAnswerWhenTheRegistryIsUnavailable() {
    answer(Mono.error(status(503)));

    assertFalse(registry.accepts(IMEI));
  }

  @Test
  void refusesWhenTheRegistryDoesNotAnswerInTime() {
    answer(Mono.never());

    assertFalse(registry.acceptsAsync(IMEI).toCompletableFuture().join());
  }

  @Test
  void refusesAMalformedImeiWithoutAskingCosmos() {
    assertFalse(registry.accepts("35630/../1"));
    assertFalse(registry.accepts(""));
    verify(devices, never()).readItem(anyString(), any(), eq(ObjectNode.class));
  }

  @Test
  void needsAnEndpointFromTheEnvironment() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> CosmosSettings.fromEnvironment(Map.of("FLEETWIRE_COSMOS_DATABASE", "fleetwire")));
    assertTrue(error.getMessage().contains("FLEETWIRE_COSMOS_ENDPOINT"));
  }
}
