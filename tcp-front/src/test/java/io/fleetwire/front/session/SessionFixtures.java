package io.fleetwire.front.session;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.metrics.FrontMetrics;
import io.fleetwire.contract.registry.DeviceRegistry;
import io.fleetwire.front.teltonika.AvlPacket;
import io.fleetwire.front.teltonika.AvlRecord;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Decoded messages and session wiring shared by the session tests. */
final class SessionFixtures {
  static final String IMEI = "356307042441013";
  static final String FRONT_ID = "front-test";
  static final Instant NOW = Instant.parse("2026-11-26T04:00:00Z");

  private SessionFixtures() {
  }

  static SessionServices services(TelemetryPublisher publisher, DeviceRegistry registry, MeterRegistry meters,
      PublishPermits permits, DeviceResponseListener responses) {
    return new SessionServices(publisher, registry, responses, new FrontMetrics(meters), permits, FRONT_ID,
        Clock.fixed(NOW, ZoneOffset.UTC), () -> false);
  }

  static AvlRecord record(long secondsAfterEpoch2026, long fingerprint) {
    return AvlRecord.of(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(secondsAfterEpoch2026), 1,
        25.3017, 54.6872, 112, 90, 11, 48, 0, null, Map.of(239, 1L, 66, 12_850L), null, fingerprint);
  }

  static AvlPacket packet(int records) {
    List<AvlRecord> list = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      list.add(record(i, 0x1000L + i));
    }
    return new AvlPacket(AvlPacket.CODEC_8, list);
  }
}
