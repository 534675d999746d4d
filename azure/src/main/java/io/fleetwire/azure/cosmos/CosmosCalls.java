package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.util.CosmosPagedFlux;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.StoreRefusedException;
import io.fleetwire.contract.store.StoreUnavailableException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How the Cosmos adapters call the service and report its answers.
 *
 * <p>Errors: 408, 410, 429, 449, 500, 503 and 401/403 become {@link StoreUnavailableException}, so
 * the Functions runtime retries the message and finally dead-letters it (auth failures too: a role
 * assignment still propagating or a rotated key passes without losing data); 404 means not found;
 * any other refusal is a {@link StoreRefusedException} naming the operation and status: retrying
 * the same request would fail the same way.
 */
final class CosmosCalls {
  static final int BAD_REQUEST = 400;
  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;
  static final int PRECONDITION_FAILED = 412;
  private static final Set<Integer> TRANSIENT = Set.of(401, 403, 408, 410, 429, 449, 500, 503);

  private CosmosCalls() {
  }

  static boolean isTransient(int status) {
    return TRANSIENT.contains(status);
  }

  /** Blocks within {@code timeout}; a {@link CosmosException} passes through untouched. */
  static <T> T await(Mono<T> operation, Duration timeout) {
    try {
      return operation.timeout(timeout).block();
    } catch (CosmosException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Exceptions.unwrap(e) instanceof TimeoutException) {
        throw new StoreUnavailableException("Cosmos DB did not answer within " + timeout, e);
      }
      throw e;
    }
  }

  /** {@link #await}, with a refusal translated for {@code what}. */
  static <T> T call(String what, Mono<T> operation, Duration timeout) {
    try {
      return await(operation, timeout);
    } catch (CosmosException e) {
      throw translate(what, e);
    }
  }

  static RuntimeException translate(String what, CosmosException e) {
    if (isTransient(e.getStatusCode())) {
      return new StoreUnavailableException(what + " failed with status " + e.getStatusCode()
          + " (Cosmos DB unavailable or throttled)", e);
    }
    return new StoreRefusedException(what + " refused by Cosmos DB with status " + e.getStatusCode(), e);
  }

  /**
   * One page of at most {@code limit} items after {@code continuation} (null: the first page). A
   * token the service cannot read is the caller's mistake: {@link IllegalArgumentException}.
   */
  static <T> Page<T> page(String what, CosmosPagedFlux<ObjectNode> query, int limit, String continuation,
      Function<ObjectNode, T> reader, Duration timeout) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    FeedResponse<ObjectNode> page;
    try {
      page = await(query.byPage(continuation, limit).next(), timeout);
    } catch (CosmosException e) {
      if (e.getStatusCode() == BAD_REQUEST && continuation != null) {
        throw new IllegalArgumentException("continuation token is not valid for this query", e);
      }
      throw translate(what, e);
    }
    if (page == null) {
      return new Page<>(List.of(), null);
    }
    return new Page<>(page.getResults().stream().map(reader).toList(), page.getContinuationToken());
  }
}
