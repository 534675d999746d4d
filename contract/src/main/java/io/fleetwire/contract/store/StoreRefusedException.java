package io.fleetwire.contract.store;

/**
 * The store refused this data for good (a document too large, a value it cannot hold): retrying
 * the same data would fail the same way, so the caller keeps it as rejected and goes on with the
 * rest, unlike a {@link StoreUnavailableException}.
 */
public class StoreRefusedException extends RuntimeException {
  public StoreRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
