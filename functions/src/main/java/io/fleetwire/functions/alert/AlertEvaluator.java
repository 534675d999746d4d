package io.fleetwire.functions.alert;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.store.DeviceState;
import io.fleetwire.contract.store.Page;
import io.fleetwire.contract.store.TelemetryStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * Evaluates the alert rules on records as ingest stores them (DESIGN "Alerts"): per device, each
 * rule that covers it is moved through the device's records by {@link AlertTracker}, and the new
 * progress with the alerts it opened or closed is saved in one {@link AlertStore#apply} (which
 * also queues each change for the webhook). Rules are read from the store at most every
 * {@link #RULES_REFRESH}, so a rule created through any API instance applies within that time.
 */
public final class AlertEvaluator {
  public static final Duration RULES_REFRESH = Duration.ofSeconds(10);
  /** Devices read per page by the offline check. */
  static final int SILENCE_PAGE = 500;

  private final AlertStore store;
  private final Clock clock;
  private volatile List<AlertRule> rules;
  private volatile Instant rulesReadAt;

  public AlertEvaluator(AlertStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Makes the next evaluation read the rules again (after this process changed them). */
  public void rulesChanged() {
    rulesReadAt = null;
  }

  /** Evaluates the stored records; returns the alerts that opened or closed. */
  public List<Alert> evaluate(List<Record> records) {
    List<AlertRule> current = rules();
    if (current.isEmpty() || records.isEmpty()) {
      return List.of();
    }
    Map<String, List<Record>> byDevice = new TreeMap<>();
    for (Record record : records) {
      byDevice.computeIfAbsent(record.imei(), k -> new ArrayList<>()).add(record);
    }
    List<RuleProgress> progress = new ArrayList<>();
    List<Alert> changes = new ArrayList<>();
    for (Map.Entry<String, List<Record>> device : byDevice.entrySet()) {
      String imei = device.getKey();
      List<AlertRule> covering = current.stream().filter(rule -> rule.covers(imei)).toList();
      if (covering.isEmpty()) {
        continue;
      }
      Map<String, RuleProgress> known = store.progress(imei);
      for (AlertRule rule : covering) {
        RuleProgress before = known.getOrDefault(rule.id(), RuleProgress.start(rule.id(), imei));
        if (rule.kind() == AlertKind.OFFLINE && before.open() == null) {
          // Records only ever close an offline alert; without one there is nothing to track.
          continue;
        }
        AlertTracker.Step step = AlertTracker.advance(rule, before, device.getValue());
        if (!step.progress().equals(before)) {
          progress.add(step.progress());
        }
        changes.addAll(step.changes());
      }
    }
    store.apply(progress, changes, clock.instant());
    return changes;
  }

  /**
   * The offline rules' timer: every device a rule covers whose last data is older than the rule's
   * threshold gets its alert. Rules that name their devices read just those; a rule for every
   * device pages through the whole fleet (on Cosmos a cross-partition read per page, so such a rule
   * costs RU in proportion to the fleet on every run of the timer).
   */
  public List<Alert> checkSilence(TelemetryStore telemetry) {
    List<AlertRule> offline = rules().stream().filter(r -> r.kind() == AlertKind.OFFLINE).toList();
    if (offline.isEmpty()) {
      return List.of();
    }
    List<Alert> changes = new ArrayList<>();
    if (offline.stream().anyMatch(rule -> rule.devices() == null)) {
      String next = null;
      do {
        Page<DeviceState> page = telemetry.devices(SILENCE_PAGE, next);
        changes.addAll(silence(offline, page.items()));
        next = page.next();
      } while (next != null);
    } else {
      Set<String> named = new TreeSet<>();
      offline.forEach(rule -> named.addAll(rule.devices()));
      List<DeviceState> devices = new ArrayList<>();
      for (String imei : named) {
        telemetry.device(imei).ifPresent(devices::add);
      }
      changes.addAll(silence(offline, devices));
    }
    return changes;
  }

  private List<Alert> silence(List<AlertRule> offline, List<DeviceState> devices) {
    Instant now = clock.instant();
    List<RuleProgress> progress = new ArrayList<>();
    List<Alert> changes = new ArrayList<>();
    for (DeviceState device : devices) {
      List<AlertRule> covering = offline.stream().filter(rule -> rule.covers(device.imei())).toList();
      if (covering.isEmpty() || device.lastSeen() == null) {
        continue;
      }
      Map<String, RuleProgress> known = null;
      for (AlertRule rule : covering) {
        if (now.isBefore(device.lastSeen().plusSeconds(rule.threshold().longValue() + rule.forSeconds()))) {
          continue;
        }
        if (known == null) {
          known = store.progress(device.imei());
        }
        RuleProgress before = known.getOrDefault(rule.id(), RuleProgress.start(rule.id(), device.imei()));
        AlertTracker.Step step = AlertTracker.silence(rule, before, device.lastSeen(), now);
        if (!step.changes().isEmpty()) {
          progress.add(step.progress());
          changes.addAll(step.changes());
        }
      }
    }
    store.apply(progress, changes, now);
    return changes;
  }

  private List<AlertRule> rules() {
    Instant now = clock.instant();
    Instant readAt = rulesReadAt;
    if (readAt == null || rules == null || !now.isBefore(readAt.plus(RULES_REFRESH))) {
      rules = store.rules();
      rulesReadAt = now;
    }
    return rules;
  }
}
