package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkItemResponse;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.util.CosmosPagedFlux;
import com.azure.cosmos.implementation.patch.PatchOperation;
import com.azure.cosmos.implementation.patch.PatchOperationCore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mockito.ArgumentMatchers;
import reactor.core.publisher.Flux;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.nullable;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Stand-ins for the Cosmos SDK's answers, and a reader for what a patch would set. */
final class CosmosMocks {
  private CosmosMocks() {
  }

  /** What the service answers with an error status (the SDK's constructors are protected). */
  static CosmosException status(int code) {
    return new CosmosException(code, "status " + code) {
    };
  }

  @SuppressWarnings("unchecked")
  static CosmosItemResponse<ObjectNode> item(ObjectNode doc) {
    CosmosItemResponse<ObjectNode> response = mock(CosmosItemResponse.class);
    when(response.getItem()).thenReturn(doc);
    return response;
  }

  @SuppressWarnings("unchecked")
  static FeedResponse<ObjectNode> page(List<ObjectNode> docs, String continuation) {
    FeedResponse<ObjectNode> page = mock(FeedResponse.class);
    when(page.getResults()).thenReturn(docs);
    when(page.getContinuationToken()).thenReturn(continuation);
    return page;
  }

  /** A query whose every page fails with {@code error}. */
  @SuppressWarnings("unchecked")
  static CosmosPagedFlux<ObjectNode> failingPages(Exception error) {
    CosmosPagedFlux<ObjectNode> flux = mock(CosmosPagedFlux.class);
    doReturn(Flux.error(error)).when(flux).byPage();
    doReturn(Flux.error(error)).when(flux).byPage(nullable(String.class), anyInt());
    doReturn(flux).when(flux).handle(ArgumentMatchers.<Consumer<FeedResponse<ObjectNode>>>any());
    return flux;
  }

  /** A query result that answers every way of paging with the given page. */
  @SuppressWarnings("unchecked")
  static CosmosPagedFlux<ObjectNode> pages(FeedResponse<ObjectNode> page) {
    CosmosPagedFlux<ObjectNode> flux = mock(CosmosPagedFlux.class);
    doReturn(Flux.just(page)).when(flux).byPage();
    doReturn(Flux.just(page)).when(flux).byPage(nullable(String.class), anyInt());
    doReturn(flux).when(flux).handle(ArgumentMatchers.<Consumer<FeedResponse<ObjectNode>>>any());
    return flux;
  }

  static CosmosBulkOperationResponse<Object> bulkStatus(CosmosItemOperation operation, int status) {
    CosmosBulkItemResponse item = mock(CosmosBulkItemResponse.class);
    when(item.getStatusCode()).thenReturn(status);
    when(item.isSuccessStatusCode()).thenReturn(status >= 200 && status < 300);
    return bulk(operation, item, null);
  }

  static CosmosBulkOperationResponse<Object> bulkError(CosmosItemOperation operation, Exception error) {
    return bulk(operation, null, error);
  }

  @SuppressWarnings("unchecked")
  private static CosmosBulkOperationResponse<Object> bulk(CosmosItemOperation operation, CosmosBulkItemResponse item,
      Exception error) {
    CosmosBulkOperationResponse<Object> response = mock(CosmosBulkOperationResponse.class);
    when(response.getOperation()).thenReturn(operation);
    when(response.getResponse()).thenReturn(item);
    when(response.getException()).thenReturn(error);
    return response;
  }
}
