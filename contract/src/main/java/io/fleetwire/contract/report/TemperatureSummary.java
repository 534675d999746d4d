package io.fleetwire.contract.report;

/** Temperature over a range in °C; all three are {@code null} when no sensor reported. */
public record TemperatureSummary(Double min, Double max, Double avg) {
  public static final TemperatureSummary NONE = new TemperatureSummary(null, null, null);
}
