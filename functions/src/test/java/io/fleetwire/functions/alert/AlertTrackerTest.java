package io.fleetwire.functions.alert;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.contract.alert.AlertStatus;
import io.fleetwire.contract.alert.RuleProgress;
import io.fleetwire.contract.alert.Geofence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTrackerTest {
  private static final String IMEI = "356307042441013";
  private static final Instant T0 = Instant.parse("2026-07-01T22:00:00Z");

  private static Record record(int second, double lat, double lon, int speed, int event, Double temperature) {
    Instant ts = T0.plusSeconds(second);
    Map<String, Double> sensors = temperature == null ? Map.of() : Map.of("temperature1C", temperature);
    return new Record(RecordId.of(IMEI, ts, new byte[] {(byte) second, (byte) (second >> 8)}), IMEI, ts, ts, lat, lon,
        100, 0, speed, 9, 0, event, null, null, null, null).withSensors(sensors);
  }

  private static Record temperature(int second, double celsius) {
    return record(second, 54.0, 25.0, 0, 0, celsius);
  }

  private static AlertRule rule(AlertKind kind, Double threshold, long forSeconds, Geofence fence) {
    return new AlertRule("r1", "rule", kind, null, threshold, forSeconds, fence, null);
  }

  @Test
  void aReeferAboveEightDegreesForTenMinutesOpensOnceAndClosesWhenItCools() {
    AlertRule rule = rule(AlertKind.TEMPERATURE_ABOVE, 8.0, 600, null);
    List<Record> ramp = new ArrayList<>();
    for (int minute = 0; minute <= 20; minute++) {
      ramp.add(temperature(minute * 60, minute < 5 ? 4.0 : minute <= 17 ? 9.5 : 6.0));
    }

    AlertTracker.Step step = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), ramp);

    assertEquals(2, step.changes().size(), step.changes().toString());
    Alert opened = step.changes().get(0);
    assertEquals(AlertStatus.OPEN, opened.state());
    assertEquals(T0.plusSeconds(15 * 60), opened.ts(), "opens once 10 min above 8 °C have passed, on record time");
    assertEquals(9.5, opened.value());
    Alert closed = step.changes().get(1);
    assertEquals(opened.id(), closed.id());
    assertEquals(T0.plusSeconds(18 * 60), closed.closedAt());
    assertNull(step.progress().open());
  }

  @Test
  void theSameRecordsDeliveredAgainRaiseNothingNew() {
    AlertRule rule = rule(AlertKind.OVERSPEED, 90.0, 0, null);
    List<Record> records = List.of(record(0, 54, 25, 80, 0, null), record(10, 54, 25, 120, 0, null));
    AlertTracker.Step first = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), records);

    AlertTracker.Step again = AlertTracker.advance(rule, first.progress(), records);

    assertEquals(1, first.changes().size());
    assertEquals(List.of(), again.changes());
    assertEquals(first.progress(), again.progress());
  }

  @Test
  void theAlertIdDependsOnlyOnRuleDeviceAndStartSoALostStateGivesTheSameId() {
    AlertRule rule = rule(AlertKind.OVERSPEED, 90.0, 0, null);
    List<Record> records = List.of(record(0, 54, 25, 120, 0, null), record(10, 54, 25, 130, 0, null));

    Alert a = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), records).changes().get(0);
    Alert b = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), List.of(records.get(1), records.get(0)))
        .changes().get(0);
    Alert later = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), List.of(records.get(1))).changes().get(0);

    assertEquals(a.id(), b.id(), "arrival order does not matter");
    assertNotEquals(a.id(), later.id(), "another holding period is another alert");
  }

  @Test
  void aConditionThatStopsBeforeForSecondsRaisesNothing() {
    AlertRule rule = rule(AlertKind.TEMPERATURE_BELOW, -18.0, 300, null);
    List<Record> records = List.of(temperature(0, -15), temperature(60, -15), temperature(240, -20), temperature(300, -16));

    assertEquals(List.of(), AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), records).changes());
  }

  @Test
  void aCrashEventOpensAtOnceAndTheNextOrdinaryRecordClosesIt() {
    AlertRule rule = rule(AlertKind.EVENT, 247.0, 0, null);
    List<Record> records = List.of(record(0, 54, 25, 50, 0, null), record(5, 54, 25, 0, 247, null),
        record(65, 54, 25, 0, 0, null));

    List<Alert> changes = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), records).changes();

    assertEquals(2, changes.size());
    assertEquals(T0.plusSeconds(5), changes.get(0).ts());
    assertEquals(247.0, changes.get(0).value());
    assertEquals(T0.plusSeconds(65), changes.get(1).closedAt());
  }

  @Test
  void leavingTheDepotOpensAGeofenceExitAlertWithWhereTheVanWas() {
    AlertRule rule = rule(AlertKind.GEOFENCE_EXIT, null, 0, Geofence.circle(54.6872, 25.2797, 200));
    List<Record> records = List.of(record(0, 54.6872, 25.2797, 0, 0, null), record(60, 54.6880, 25.2797, 30, 0, null),
        record(120, 54.6950, 25.2797, 50, 0, null), record(600, 54.6873, 25.2798, 0, 0, null));

    List<Alert> changes = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), records).changes();

    assertEquals(2, changes.size(), "still inside at 60 s (89 m), out at 120 s (870 m), back in at 600 s: " + changes);
    assertEquals(T0.plusSeconds(120), changes.get(0).ts());
    assertEquals(54.6950, changes.get(0).lat());
    assertEquals(T0.plusSeconds(600), changes.get(1).closedAt());
  }

  @Test
  void aRecordWithoutAFixLeavesAGeofenceRuleAsItWas() {
    AlertRule rule = rule(AlertKind.GEOFENCE_ENTER, null, 0,
        Geofence.polygon(List.of(List.of(54.0, 25.0), List.of(54.0, 25.1), List.of(54.1, 25.1), List.of(54.1, 25.0))));
    Record inside = record(0, 54.05, 25.05, 0, 0, null);
    // without a fix the device repeats a position: here one outside the fence, which must not count
    Record noFix = new Record(inside.id() + "-nofix", IMEI, T0.plusSeconds(60), T0.plusSeconds(60), 54.5, 25.5, 0, 0,
        0, 0, 0, 0, null, null, null, null).judged();

    AlertTracker.Step step = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), List.of(inside, noFix));

    assertEquals(1, step.changes().size());
    assertEquals(AlertStatus.OPEN, step.changes().get(0).state());
    assertTrue(step.progress().open() != null, "still inside as far as anyone knows");
  }

  @Test
  void aSilentTrackerOpensAnOfflineAlertOnTheTimerAndItsNextRecordClosesIt() {
    AlertRule rule = rule(AlertKind.OFFLINE, 3600.0, 0, null);
    RuleProgress seen = AlertTracker.advance(rule, RuleProgress.start("r1", IMEI), List.of(record(0, 54, 25, 0, 0, null)))
        .progress();

    AlertTracker.Step early = AlertTracker.silence(rule, seen, T0, T0.plusSeconds(3000));
    AlertTracker.Step due = AlertTracker.silence(rule, seen, T0, T0.plusSeconds(3700));
    AlertTracker.Step dueAgain = AlertTracker.silence(rule, due.progress(), T0, T0.plusSeconds(4000));
    AlertTracker.Step back = AlertTracker.advance(rule, due.progress(), List.of(record(5000, 54, 25, 0, 0, null)));

    assertEquals(List.of(), early.changes());
    assertEquals(1, due.changes().size());
    assertEquals(T0.plusSeconds(3600), due.changes().get(0).ts());
    assertEquals(List.of(), dueAgain.changes(), "the timer running again raises nothing new");
    assertEquals(List.of(due.changes().get(0).closed(T0.plusSeconds(5000))), back.changes());
  }
}
