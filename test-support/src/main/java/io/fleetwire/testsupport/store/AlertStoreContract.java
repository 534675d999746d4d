package io.fleetwire.testsupport.store;

import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertDelivery;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.AlertStore;
import io.fleetwire.contract.alert.Geofence;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.store.Page;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link AlertStore} does; a store's test extends this and supplies a fresh store. */
public abstract class AlertStoreContract {
  protected static final String IMEI = "356307042441013";
  protected static final String OTHER = "356307042441021";
  protected static final Instant T0 = Instant.parse("2026-07-01T10:00:00Z");

  private AlertStore store;

  /** A new, empty store. */
  protected abstract AlertStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  private static AlertRule overspeed(String id) {
    return new AlertRule(id, "speeding " + id, AlertKind.OVERSPEED, List.of(IMEI), 90.0, 30, null, null);
  }

  private static Alert alert(String id, String imei, Instant ts) {
    return new Alert(id, "r1", imei, AlertKind.OVERSPEED, ts, 120.0, 54.1, 25.2, AlertStatus.OPEN, null);
  }

  @Test
  void keepsRulesWithEveryFieldAndRefusesADuplicateId() {
    AlertRule fence = new AlertRule("depot", "left the depot", AlertKind.GEOFENCE_EXIT, null, null, 0,
        Geofence.polygon(List.of(List.of(54.0, 25.0), List.of(54.0, 25.1), List.of(54.1, 25.05))), null);
    store.createRule(overspeed("r1"));
    store.createRule(fence);

    assertEquals(List.of(fence, overspeed("r1")), store.rules());
    assertEquals(fence, store.rule("depot").orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> store.createRule(overspeed("r1")));
  }

  @Test
  void deletingARuleDropsItsProgressButKeepsItsAlerts() {
    store.createRule(overspeed("r1"));
    Alert open = alert("a1", IMEI, T0);
    store.apply(List.of(new RuleProgress("r1", IMEI, T0, T0, open)), List.of(open), T0);

    assertTrue(store.deleteRule("r1"));
    assertFalse(store.deleteRule("r1"));
    assertTrue(store.rule("r1").isEmpty());
    assertEquals(Map.of(), store.progress(IMEI));
    assertEquals(List.of(open), store.alerts(T0.minusSeconds(1), T0.plusSeconds(1), null, 10, null).items());
  }

  @Test
  void progressIsKeptPerRuleAndDevice() {
    Alert open = alert("a1", IMEI, T0);
    RuleProgress mine = new RuleProgress("r1", IMEI, T0.plusSeconds(5), T0, open);
    RuleProgress other = new RuleProgress("r1", OTHER, T0, null, null);
    RuleProgress second = new RuleProgress("r2", IMEI, T0, null, null);
    store.apply(List.of(mine, other, second), List.of(), T0);

    assertEquals(Map.of("r1", mine, "r2", second), store.progress(IMEI));
    RuleProgress moved = new RuleProgress("r1", IMEI, T0.plusSeconds(9), null, null);
    store.apply(List.of(moved), List.of(), T0);
    assertEquals(moved, store.progress(IMEI).get("r1"));
  }

  @Test
  void aChangeAppliedTwiceIsStoredAndQueuedOnce() {
    Alert open = alert("a1", IMEI, T0);
    store.apply(List.of(), List.of(open), T0);
    store.apply(List.of(), List.of(open), T0.plusSeconds(60));

    assertEquals(1, store.alerts(T0.minusSeconds(1), T0.plusSeconds(1), null, 10, null).items().size());
    List<AlertDelivery> due = store.dueDeliveries(T0.plusSeconds(60), 10);
    assertEquals(List.of("a1:open"), due.stream().map(AlertDelivery::id).toList());
    assertEquals(T0, due.get(0).changedAt());
  }

  @Test
  void aClosedAlertIsNeverReopenedByALateOpen() {
    Alert open = alert("a1", IMEI, T0);
    Alert closed = open.closed(T0.plusSeconds(90));
    store.apply(List.of(), List.of(open, closed), T0);
    store.apply(List.of(), List.of(open), T0);

    Alert stored = store.alerts(T0.minusSeconds(1), T0.plusSeconds(1), IMEI, 10, null).items().get(0);
    assertEquals(AlertStatus.CLOSED, stored.state());
    assertEquals(T0.plusSeconds(90), stored.closedAt());
    assertEquals(List.of(), store.openAlerts(10));
    assertEquals(0, store.openAlertCount());
    assertEquals(List.of("a1:open", "a1:closed"),
        store.dueDeliveries(T0, 10).stream().map(AlertDelivery::id).toList());
  }

  @Test
  void alertsArePagedNewestFirstAndFilteredByDeviceAndTime() {
    List<Alert> made = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      made.add(alert("a" + i, i % 2 == 0 ? IMEI : OTHER, T0.plusSeconds(i * 60L)));
    }
    store.apply(List.of(), made, T0);

    List<String> seen = new ArrayList<>();
    String next = null;
    do {
      Page<Alert> page = store.alerts(T0, T0.plusSeconds(361), null, 3, next);
      page.items().forEach(a -> seen.add(a.id()));
      next = page.next();
    } while (next != null);
    assertEquals(List.of("a6", "a5", "a4", "a3", "a2", "a1", "a0"), seen);
    assertEquals(List.of("a4", "a2"), store.alerts(T0.plusSeconds(60), T0.plusSeconds(300), IMEI, 10, null).items()
        .stream().map(Alert::id).toList());
    assertEquals(List.of("a6", "a5", "a4"), store.openAlerts(3).stream().map(Alert::id).toList());
    assertEquals(7, store.openAlertCount());
    store.apply(List.of(), List.of(made.get(3).closed(T0.plusSeconds(400))), T0.plusSeconds(400));
    assertEquals(6, store.openAlertCount());
    assertThrows(IllegalArgumentException.class, () -> store.alerts(T0, T0.plusSeconds(1), null, 0, null));
  }

  @Test
  void countsADevicesAlertsInARangeByKindOncePerAlert() {
    Alert crash = new Alert("c1", "r2", IMEI, AlertKind.EVENT, T0.plusSeconds(30), 247.0, 54.1, 25.2,
        AlertStatus.OPEN, null);
    Alert speeding = alert("a1", IMEI, T0);
    store.apply(List.of(), List.of(speeding, speeding.closed(T0.plusSeconds(90)), alert("a2", IMEI, T0.plusSeconds(60)),
        crash, alert("a3", IMEI, T0.plusSeconds(3600)), alert("b1", OTHER, T0)), T0);

    assertEquals(Map.of(AlertKind.OVERSPEED, 2, AlertKind.EVENT, 1), store.countAlerts(IMEI, T0, T0.plusSeconds(3600)));
    assertEquals(Map.of(AlertKind.EVENT, 1), store.countAlerts(IMEI, T0.plusSeconds(1), T0.plusSeconds(60)));
    assertEquals(Map.of(), store.countAlerts(OTHER, T0.plusSeconds(1), T0.plusSeconds(3600)));
  }

  @Test
  void deliveriesAreRetriedWhenDueAndEndDeliveredOrAbandoned() {
    Alert a = alert("a1", IMEI, T0);
    Alert b = alert("b1", OTHER, T0);
    store.apply(List.of(), List.of(a, b), T0);

    store.attempted("a1:open", false, T0.plusSeconds(10), "HTTP 503");
    store.attempted("b1:open", true, null, null);

    assertEquals(List.of(), store.dueDeliveries(T0.plusSeconds(9), 10));
    AlertDelivery retried = store.dueDeliveries(T0.plusSeconds(10), 10).get(0);
    assertEquals("a1:open", retried.id());
    assertEquals(1, retried.attempts());
    assertEquals("HTTP 503", retried.lastError());
    assertEquals(a, retried.alert());
    assertEquals(AlertDelivery.Status.DELIVERED, store.delivery("b1:open").orElseThrow().status());

    store.attempted("a1:open", false, null, "HTTP 500");
    AlertDelivery abandoned = store.delivery("a1:open").orElseThrow();
    assertEquals(AlertDelivery.Status.ABANDONED, abandoned.status());
    assertNull(abandoned.nextAttemptAt());
    assertEquals(2, abandoned.attempts());
    assertEquals(List.of(), store.dueDeliveries(T0.plusSeconds(100_000), 10));
  }
}
