package io.fleetwire.azure.cosmos;

import com.azure.cosmos.CosmosAsyncClient;
import com.azure.cosmos.CosmosAsyncContainer;
import com.azure.cosmos.CosmosAsyncDatabase;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBulkOperationResponse;
import com.azure.cosmos.models.CosmosBulkOperations;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fleetwire.contract.Json;
import io.fleetwire.testsupport.cosmos.CosmosTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the stores rely on from the Cosmos test server, through the real client. */
class CosmosTestServerTest {
  private static CosmosAsyncClient client;
  private static CosmosAsyncContainer items;

  @BeforeAll
  static void start() {
    CosmosTestServer server = CosmosTestServer.shared();
    client = new CosmosClientBuilder().endpoint(server.endpoint()).key(server.key()).gatewayMode().buildAsyncClient();
    String name = "smoke-" + UUID.randomUUID();
    client.createDatabase(name).block();
    CosmosAsyncDatabase database = client.getDatabase(name);
    database.createContainer(new CosmosContainerProperties("items", "/imei")).block();
    items = database.getContainer("items");
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  private static ObjectNode item(String imei, String id, int n) {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("id", id);
    doc.put("imei", imei);
    doc.put("n", n);
    doc.put("key", "Key-" + n);
    return doc;
  }

  @Test
  void readOfMissingItemIsNotFound() {
    CosmosException e = assertThrows(CosmosException.class,
        () -> items.readItem("nothing", new PartitionKey("nothing"), ObjectNode.class).block());
    assertEquals(404, e.getStatusCode());
  }

  @Test
  void conditionalPatchComparesStringsAsWritten() {
    items.upsertItem(item("p1", "p1", 1), new PartitionKey("p1"), null).block();
    CosmosPatchItemRequestOptions newer = new CosmosPatchItemRequestOptions().setFilterPredicate("FROM d WHERE d.key < 'Key-2'");
    items.patchItem("p1", new PartitionKey("p1"), CosmosPatchOperations.create().set("/key", "Key-2"), newer, ObjectNode.class)
        .block();
    CosmosException e = assertThrows(CosmosException.class, () -> items.patchItem("p1", new PartitionKey("p1"),
        CosmosPatchOperations.create().set("/key", "Key-3"), newer, ObjectNode.class).block());
    assertEquals(412, e.getStatusCode());
    assertEquals("Key-2", items.readItem("p1", new PartitionKey("p1"), ObjectNode.class).block().getItem()
        .path("key").asText());
  }

  @Test
  void crossPartitionQueryPagesWithContinuationAndCounts() {
    for (int i = 0; i < 5; i++) {
      items.upsertItem(item("q" + i, "q" + i, i), new PartitionKey("q" + i), null).block();
    }
    SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE STARTSWITH(c.id, 'q') ORDER BY c.id DESC");
    List<String> ids = new ArrayList<>();
    String continuation = null;
    int pages = 0;
    do {
      FeedResponse<ObjectNode> page = items.queryItems(query, new CosmosQueryRequestOptions(), ObjectNode.class)
          .byPage(continuation, 2).next().block();
      assertNotNull(page);
      page.getResults().forEach(doc -> ids.add(doc.path("id").asText()));
      continuation = page.getContinuationToken();
      pages++;
    } while (continuation != null && pages < 10);
    assertEquals(List.of("q4", "q3", "q2", "q1", "q0"), ids);
    assertNull(continuation);
    Long count = items.queryItems(new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.n >= @n",
        new SqlParameter("@n", 3)), new CosmosQueryRequestOptions(), Long.class).blockFirst();
    assertEquals(2L + (long) items.queryItems(new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.n >= 3"
        + " AND NOT STARTSWITH(c.id, 'q')"), new CosmosQueryRequestOptions(), Long.class).blockFirst(), count);
  }

  /** Cosmos DB writes the '/' of a resource id as '-': ids go into request paths, where a '/' breaks them. */
  @Test
  void resourceIdsStayPathSafeSoBulkWritesWorkInEveryDatabase() {
    CosmosAsyncDatabase database = null;
    for (int i = 0; i < 300 && database == null; i++) {
      String name = "rid-" + UUID.randomUUID();
      String rid = client.createDatabase(name).block().getProperties().getResourceId();
      if (rid.contains("-") || rid.contains("/")) {
        database = client.getDatabase(name);
      }
    }
    assertNotNull(database, "no resource id with a 63 in base64 among 300 databases");
    database.createContainer(new CosmosContainerProperties("bulk", "/imei")).block();
    CosmosAsyncContainer bulk = database.getContainer("bulk");

    List<CosmosBulkOperationResponse<Object>> responses = bulk.executeBulkOperations(Flux.just(
        CosmosBulkOperations.getCreateItemOperation(item("b1", "b1", 1), new PartitionKey("b1")))).collectList().block();

    assertEquals(201, responses.get(0).getResponse().getStatusCode());
  }
}
