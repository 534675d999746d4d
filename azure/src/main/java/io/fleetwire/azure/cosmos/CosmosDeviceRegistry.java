package io.fleetwire.azure.cosmos;

import io.fleetwire.azure.AzureClients;

import io.fleetwire.contract.registry.DeviceRegistry;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@code registered} acceptance policy on Azure: a device may log in only if its document in
 * the Cosmos {@code devices} container (id and partition key = IMEI, written by the API's
 * register/remove) has {@code "registered": true}.
 *
 * <p>Answers are cached per IMEI for {@link #DEFAULT_CACHE_TTL}: a device registered through the
 * API is accepted, and a removed one refused, at its first login after that. When Cosmos cannot
 * answer (throttled, unavailable, timed out) the last known answer stands; a device never seen
 * before is refused, and it retries its login.
 */
public final class CosmosDeviceRegistry implements DeviceRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(CosmosDeviceRegistry.class);
  public static final String CONTAINER = "devices";
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Past this many cached IMEIs, expired answers are dropped before a new one is kept. */
  static final int MAX_CACHED = 500_000;
  private static final int NOT_FOUND = 404;

  private record Answer(boolean accepted, long expiresAt) {
  }

  private final CosmosAsyncContainer devices;
  private final Duration cacheTtl;
  private final Duration timeout;
  private final LongSupplier nanoClock;
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  public CosmosDeviceRegistry(CosmosAsyncContainer devices, Duration cacheTtl, Duration timeout) {
    this(devices, cacheTtl, timeout, System::nanoTime);
  }

  CosmosDeviceRegistry(CosmosAsyncContainer devices, Duration cacheTtl, Duration timeout, LongSupplier nanoClock) {
    this.devices = devices;
    this.cacheTtl = cacheTtl;
    this.timeout = timeout;
    this.nanoClock = nanoClock;
  }

  /** The {@code devices} container of the account the settings name, on the process's shared client. */
  public static CosmosDeviceRegistry create(CosmosSettings settings) {
    LOG.info("Device registry: Cosmos DB {} database {} container {}", settings.endpoint(), settings.database(),
        CONTAINER);
    return new CosmosDeviceRegistry(AzureClients.cosmosDatabase(settings).getContainer(CONTAINER), DEFAULT_CACHE_TTL,
        DEFAULT_TIMEOUT);
  }

  /** Blocks for at most the read timeout on a cache miss; prefer {@link #acceptsAsync} on an event loop. */
  @Override
  public boolean accepts(String imei) {
    return acceptsAsync(imei).toCompletableFuture().join();
  }

  /** Never fails: errors resolve to the cached answer or to a refusal. */
  @Override
  public CompletionStage<Boolean> acceptsAsync(String imei) {
    if (imei == null || imei.isEmpty() || !imei.chars().allMatch(c -> c >= '0' && c <= '9')) {
      LOG.warn("Refusing login: '{}' is not an IMEI", imei);
      return CompletableFuture.completedFuture(false);
    }
    long now = nanoClock.getAsLong();
    Answer cached = cache.get(imei);
    if (cached != null && now - cached.expiresAt() < 0) {
      return CompletableFuture.completedFuture(cached.accepted());
    }
    return devices.readItem(imei, new PartitionKey(imei), ObjectNode.class)
        .timeout(timeout)
        .map(CosmosDeviceRegistry::registered)
        .onErrorResume(e -> e instanceof CosmosException c && c.getStatusCode() == NOT_FOUND, e -> Mono.just(false))
        .doOnNext(accepted -> remember(imei, accepted, now))
        .onErrorResume(e -> Mono.just(fallback(imei, cached, e)))
        .defaultIfEmpty(false)
        .toFuture();
  }

  private static boolean registered(CosmosItemResponse<ObjectNode> response) {
    ObjectNode doc = response.getItem();
    return doc != null && doc.path("registered").asBoolean(false);
  }

  private static boolean fallback(String imei, Answer cached, Throwable error) {
    if (cached != null) {
      LOG.warn("Device registry unavailable ({}); keeping the last answer for {}: {}", describe(error), imei,
          cached.accepted() ? "accepted" : "refused");
      return cached.accepted();
    }
    LOG.error("Refusing {}: the device registry is unavailable and has no answer for it yet ({})", imei,
        describe(error));
    return false;
  }

  private static String describe(Throwable error) {
    return error instanceof CosmosException e ? "Cosmos DB status " + e.getStatusCode() : error.toString();
  }

  private void remember(String imei, boolean accepted, long now) {
    if (cache.size() >= MAX_CACHED) {
      cache.values().removeIf(answer -> now - answer.expiresAt() >= 0);
    }
    if (cache.size() < MAX_CACHED || cache.containsKey(imei)) {
      cache.put(imei, new Answer(accepted, now + cacheTtl.toNanos()));
    }
  }
}
