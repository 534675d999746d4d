package io.fleetwire.contract.store;

/** A store failure that may pass (unavailable, throttled, disk full): retry, do not reject. */
public class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
