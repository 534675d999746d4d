package io.fleetwire.simulator.chaos;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Per-kind counters of the chaos clients, readable from any thread. */
public final class ChaosStats {
  private final Map<ChaosKind, AtomicLong> connects = counters();
  private final Map<ChaosKind, AtomicLong> closedByFront = counters();
  private final Map<ChaosKind, AtomicLong> acks = counters();
  private final Map<ChaosKind, AtomicLong> bytesSent = counters();

  private static Map<ChaosKind, AtomicLong> counters() {
    Map<ChaosKind, AtomicLong> map = new EnumMap<>(ChaosKind.class);
    for (ChaosKind kind : ChaosKind.values()) {
      map.put(kind, new AtomicLong());
    }
    return map;
  }

  void onConnect(ChaosKind kind) {
    connects.get(kind).incrementAndGet();
  }

  void onClosedByFront(ChaosKind kind) {
    closedByFront.get(kind).incrementAndGet();
  }

  void onAck(ChaosKind kind) {
    acks.get(kind).incrementAndGet();
  }

  void onSent(ChaosKind kind, int bytes) {
    bytesSent.get(kind).addAndGet(bytes);
  }

  /** Connections opened by clients of {@code kind}. */
  public long connects(ChaosKind kind) {
    return connects.get(kind).get();
  }

  /** Connections of {@code kind} that the front closed (the client did not close them itself). */
  public long closedByFront(ChaosKind kind) {
    return closedByFront.get(kind).get();
  }

  /** Login answers and acks received by clients of {@code kind}. */
  public long acks(ChaosKind kind) {
    return acks.get(kind).get();
  }

  public long bytesSent(ChaosKind kind) {
    return bytesSent.get(kind).get();
  }

  /** One line per run: {@code chaos garbage connects=.. closedByFront=.. ...}. */
  public String summary() {
    return connects.keySet().stream()
        .filter(kind -> connects(kind) > 0)
        .map(kind -> String.format(Locale.ROOT, "%s connects=%d closedByFront=%d replies=%d bytes=%d",
            kind.label(), connects(kind), closedByFront(kind), acks(kind), bytesSent(kind)))
        .collect(Collectors.joining("; ", "chaos ", ""));
  }
}
