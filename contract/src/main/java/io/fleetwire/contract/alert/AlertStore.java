package io.fleetwire.contract.alert;

import io.fleetwire.contract.store.Page;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where alert rules, each rule's progress per device, the alerts and their webhook outbox live
 * (SQLite locally, Cosmos DB on Azure). Every implementation passes {@code AlertStoreContract}.
 * Calls block; implementations are thread-safe. Failures that may pass are
 * {@code StoreUnavailableException}s, as for the telemetry store.
 */
public interface AlertStore {
  /** Most rules a store keeps: each is evaluated for every record of the devices it covers. */
  int MAX_RULES = 500;

  /** Stores a new rule; throws {@link IllegalArgumentException} if its id exists or the limit is reached. */
  void createRule(AlertRule rule);

  Optional<AlertRule> rule(String id);

  /** Every rule, ordered by id. */
  List<AlertRule> rules();

  /** Removes the rule and its progress; its alerts stay. False if there was no such rule. */
  boolean deleteRule(String id);

  /** The progress of every rule that has evaluated records of this device, by rule id. */
  Map<String, RuleProgress> progress(String imei);

  /**
   * Saves new progress and the alert changes it produced, in one step: an alert is stored (an open
   * one never replaces a closed one of the same id) and each change is queued for delivery once
   * (by {@link AlertDelivery#id}), so evaluating the same records again changes nothing.
   */
  void apply(Collection<RuleProgress> progress, List<Alert> changes, Instant now);

  /**
   * Alerts whose {@code ts} is in {@code [from, to)}, of one device or all ({@code imei} null),
   * newest first, paged like the telemetry store's positions.
   */
  Page<Alert> alerts(Instant from, Instant to, String imei, int limit, String continuation);

  /**
   * How many alerts of one device have their {@code ts} in {@code [from, to)}, by kind (kinds
   * without any are absent). For reports: served by the same index as {@link #alerts} for one device.
   */
  Map<AlertKind, Integer> countAlerts(String imei, Instant from, Instant to);

  /** Alerts open now, newest first, at most {@code limit}. */
  List<Alert> openAlerts(int limit);

  /** How many alerts are open now; answered from an index, not by reading them. */
  long openAlertCount();

  /** Pending deliveries due at {@code now}, oldest first, at most {@code limit}. */
  List<AlertDelivery> dueDeliveries(Instant now, int limit);

  /** Records an attempt: delivered, retried at {@code next}, or abandoned when {@code next} is null. */
  void attempted(String deliveryId, boolean delivered, Instant next, String error);

  /** One delivery by id, for inspection. */
  Optional<AlertDelivery> delivery(String deliveryId);
}
