package io.fleetwire.functions.alert;

import io.fleetwire.contract.Record;
import io.fleetwire.contract.RecordId;
import io.fleetwire.contract.alert.Alert;
import io.fleetwire.contract.alert.AlertKind;
import io.fleetwire.contract.alert.AlertRule;
import io.fleetwire.testsupport.store.InMemoryAlertStore;
import io.fleetwire.testsupport.store.InMemoryTelemetryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlertEvaluatorTest {
  private static final Instant SEEN = Instant.parse("2026-07-01T10:00:00Z");

  private static Record record(String imei, Instant ts, int speed) {
    return new Record(RecordId.of(imei, ts, new byte[] {1}), imei, ts, ts, 54.0, 25.0, 100, 0, speed, 9, 0, 0,
        null, null, null, null);
  }

  @Test
  void anOfflineRuleForEveryDeviceFindsTheSilentOnesAcrossPagesOnce() {
    InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < AlertEvaluator.SILENCE_PAGE + 20; i++) {
      String imei = String.format("3563070424%05d", i);
      // every tenth device sent data recently, the others went quiet an hour ago
      records.add(record(imei, i % 10 == 0 ? SEEN.plusSeconds(3500) : SEEN, 10));
    }
    telemetry.upsert(records);
    InMemoryAlertStore alerts = new InMemoryAlertStore();
    alerts.createRule(new AlertRule("quiet", "quiet for 30 min", AlertKind.OFFLINE, null, 1800.0, 0, null, null));
    AlertEvaluator evaluator = new AlertEvaluator(alerts, Clock.fixed(SEEN.plusSeconds(3600), ZoneOffset.UTC));

    List<Alert> first = evaluator.checkSilence(telemetry);
    List<Alert> again = evaluator.checkSilence(telemetry);

    assertEquals(468, first.size(), "520 devices, 52 of them heard from within 30 minutes");
    assertEquals(SEEN.plusSeconds(1800), first.get(0).ts());
    assertEquals(List.of(), again);
    assertEquals(468, alerts.openAlerts(1000).size());
  }

  @Test
  void recordsAfterTheSilenceCloseTheOfflineAlert() {
    InMemoryTelemetryStore telemetry = new InMemoryTelemetryStore();
    String imei = "356307042441013";
    telemetry.upsert(List.of(record(imei, SEEN, 0)));
    InMemoryAlertStore alerts = new InMemoryAlertStore();
    alerts.createRule(new AlertRule("quiet", "quiet", AlertKind.OFFLINE, List.of(imei), 600.0, 0, null, null));
    AlertEvaluator evaluator = new AlertEvaluator(alerts, Clock.fixed(SEEN.plusSeconds(900), ZoneOffset.UTC));
    evaluator.checkSilence(telemetry);

    List<Alert> changes = evaluator.evaluate(List.of(record(imei, SEEN.plusSeconds(890), 30)));

    assertEquals(1, changes.size());
    assertEquals(SEEN.plusSeconds(890), changes.get(0).closedAt());
    assertEquals(List.of(), alerts.openAlerts(10));
  }
}
