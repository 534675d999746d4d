package io.fleetwire.front.registry;

/**
 * The device acceptance policy consulted at login (DESIGN "Configuration"): {@code open} accepts
 * any well-formed IMEI, {@code registered} only the IMEIs it knows.
 */
public interface DeviceRegistry {

  boolean accepts(String imei);

  /** The {@code open} policy: any well-formed 15-digit IMEI. */
  static DeviceRegistry open() {
    return Imei::isWellFormed;
  }
}
