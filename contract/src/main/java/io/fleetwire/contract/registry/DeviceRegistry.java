package io.fleetwire.contract.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The device acceptance policy consulted at login (DESIGN "Configuration"): {@code open} accepts
 * any well-formed IMEI, {@code registered} only the IMEIs it knows.
 */
public interface DeviceRegistry {

  boolean accepts(String imei);

  /**
   * The same answer without blocking the caller (the session asks from its event loop). Registries
   * that look IMEIs up remotely override it; local ones answer at once.
   */
  default CompletionStage<Boolean> acceptsAsync(String imei) {
    try {
      return CompletableFuture.completedFuture(accepts(imei));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The {@code open} policy: any well-formed 15-digit IMEI. */
  static DeviceRegistry open() {
    return Imei::isWellFormed;
  }
}
