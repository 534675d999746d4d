package io.fleetwire.contract.store;

import java.util.List;

/** One page of a query; {@code next} is the continuation token, {@code null} on the last page. */
public record Page<T>(List<T> items, String next) {
  public Page {
    items = List.copyOf(items);
  }
}
