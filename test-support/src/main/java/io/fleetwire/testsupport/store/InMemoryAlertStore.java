package io.fleetwire.testsupport.store;

import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.store.Page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The alert store in memory: the reference behaviour {@link AlertStoreContract} checks. */
public final class InMemoryAlertStore implements AlertStore {
  private static final Comparator<Alert> NEWEST_FIRST = Comparator.comparing(Alert::ts).reversed()
      .thenComparing(Alert::id, Comparator.reverseOrder());

  private final Map<String, AlertRule> rules = new TreeMap<>();
  private final Map<String, RuleProgress> progress = new HashMap<>();
  private final Map<String, Alert> alerts = new HashMap<>();
  private final Map<String, AlertDelivery> deliveries = new LinkedHashMap<>();

  @Override
  public synchronized void createRule(AlertRule rule) {
    if (rules.containsKey(rule.id())) {
      throw new IllegalArgumentException("rule " + rule.id() + " exists already");
    }
    if (rules.size() >= MAX_RULES) {
      throw new IllegalArgumentException("at most " + MAX_RULES + " rules");
    }
    rules.put(rule.id(), rule);
  }

  @Override
  public synchronized Optional<AlertRule> rule(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  @Override
  public synchronized List<AlertRule> rules() {
    return List.copyOf(rules.values());
  }

  @Override
  public synchronized boolean deleteRule(String id) {
    progress.keySet().removeIf(key -> key.startsWith(id + '|'));
    return rules.remove(id) != null;
  }

  @Override
  public synchronized Map<String, RuleProgress> progress(String imei) {
    Map<String, RuleProgress> found = new HashMap<>();
    progress.values().stream().filter(p -> p.imei().equals(imei)).forEach(p -> found.put(p.ruleId(), p));
    return found;
  }

  @Override
  public synchronized void apply(Collection<RuleProgress> next, List<Alert> changes, Instant now) {
    next.forEach(p -> progress.put(p.ruleId() + '|' + p.imei(), p));
    for (Alert change : changes) {
      Alert stored = alerts.get(change.id());
      if (stored == null || stored.state() == AlertStatus.OPEN) {
        alerts.put(change.id(), change);
      }
      deliveries.putIfAbsent(AlertDelivery.idOf(change), AlertDelivery.of(change, now));
    }
  }

  @Override
  public synchronized Page<Alert> alerts(Instant from, Instant to, String imei, int limit, String continuation) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    int offset = continuation == null ? 0 : parseOffset(continuation);
    List<Alert> matching = alerts.values().stream()
        .filter(a -> !a.ts().isBefore(from) && a.ts().isBefore(to))
        .filter(a -> imei == null || a.imei().equals(imei))
        .sorted(NEWEST_FIRST)
        .toList();
    List<Alert> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
    return new Page<>(page, offset + limit < matching.size() ? Integer.toString(offset + limit) : null);
  }

  @Override
  public synchronized Map<AlertKind, Integer> countAlerts(String imei, Instant from, Instant to) {
    Map<AlertKind, Integer> counts = new EnumMap<>(AlertKind.class);
    alerts.values().stream()
        .filter(a -> a.imei().equals(imei) && !a.ts().isBefore(from) && a.ts().isBefore(to))
        .forEach(a -> counts.merge(a.kind(), 1, Integer::sum));
    return counts;
  }

  private static int parseOffset(String token) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed continuation token: " + token, e);
    }
  }

  @Override
  public synchronized List<Alert> openAlerts(int limit) {
    return alerts.values().stream().filter(a -> a.state() == AlertStatus.OPEN).sorted(NEWEST_FIRST).limit(limit).toList();
  }

  @Override
  public synchronized long openAlertCount() {
    return alerts.values().stream().filter(a -> a.state() == AlertStatus.OPEN).count();
  }

  @Override
  public synchronized List<AlertDelivery> dueDeliveries(Instant now, int limit) {
    return deliveries.values().stream()
        .filter(d -> d.status() == AlertDelivery.Status.PENDING && !d.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(AlertDelivery::nextAttemptAt).thenComparing(AlertDelivery::changedAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void attempted(String deliveryId, boolean delivered, Instant next, String error) {
    AlertDelivery d = deliveries.get(deliveryId);
    if (d == null) {
      throw new IllegalArgumentException("no delivery " + deliveryId);
    }
    AlertDelivery.Status status = delivered ? AlertDelivery.Status.DELIVERED
        : next == null ? AlertDelivery.Status.ABANDONED : AlertDelivery.Status.PENDING;
    deliveries.put(deliveryId, new AlertDelivery(d.id(), d.alert(), d.changedAt(), d.attempts() + 1,
        status == AlertDelivery.Status.PENDING ? next : null, status, delivered ? null : error));
  }

  @Override
  public synchronized Optional<AlertDelivery> delivery(String deliveryId) {
    return Optional.ofNullable(deliveries.get(deliveryId));
  }

  /** Every stored alert, for tests that look at all of them. */
  public synchronized List<Alert> all() {
    return new ArrayList<>(alerts.values());
  }
}
