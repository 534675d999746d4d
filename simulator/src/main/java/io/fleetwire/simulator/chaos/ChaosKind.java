package io.fleetwire.simulator.chaos;

import java.util.Locale;

/** The ways a hostile or broken client misbehaves; each one is a {@link ChaosClient}'s script. */
public enum ChaosKind {
  /** Random bytes instead of a login, again every second until the front closes. */
  GARBAGE,
  /** A valid login, then a data frame header declaring 2 GiB of data, then filler bytes. */
  OVERSIZED,
  /** A valid login, then the first half of a valid frame, then the client closes. */
  TRUNCATED,
  /** A valid login, then a valid frame one byte per second (slow-loris). */
  SLOW,
  /** Connects and never sends a byte. */
  SILENT,
  /**
   * A valid login and one frame, then nothing: the client neither reads, writes nor closes, as
   * when a mobile link or NAT drops without FIN or RST; after a minute (60 steps) it starts over.
   */
  HALF_OPEN;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code garbage}, {@code half-open}, ... as printed by {@link #label()}. */
  public static ChaosKind parse(String text) {
    for (ChaosKind kind : values()) {
      if (kind.label().equalsIgnoreCase(text.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown chaos kind '" + text
        + "', expected one of garbage, oversized, truncated, slow, silent, half-open");
  }
}
