package io.fleetwire.azure.cosmos;

import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.util.CosmosPagedFlux;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a store's queries cost: how many it issued, the pages (round trips) they answered, the
 * items those pages returned (documents, or the one value of an aggregate) and the request units
 * Cosmos DB charged for them (each page's {@link FeedResponse#getRequestCharge()}). A benchmark
 * reads {@link #snapshot()} before and after the work it measures; the counts only grow. Point
 * reads and writes are not counted: the fleet views the counter is for are answered by queries.
 */
public final class CosmosReadCounter {
  private final LongAdder queries = new LongAdder();
  private final LongAdder pages = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final DoubleAdder requestCharge = new DoubleAdder();

  /** The totals at one moment. */
  public record Reads(long queries, long pages, long items, double requestCharge) {
    /** What was read between {@code earlier} and this snapshot. */
    public Reads minus(Reads earlier) {
      return new Reads(queries - earlier.queries, pages - earlier.pages, items - earlier.items,
          requestCharge - earlier.requestCharge);
    }
  }

  public Reads snapshot() {
    return new Reads(queries.sum(), pages.sum(), items.sum(), requestCharge.sum());
  }

  /** The query, counted once now and by each page it answers; every query passed here is run once. */
  <T> CosmosPagedFlux<T> counted(CosmosPagedFlux<T> query) {
    queries.increment();
    return query.handle(page -> {
      pages.increment();
      items.add(page.getResults().size());
      requestCharge.add(page.getRequestCharge());
    });
  }
}
