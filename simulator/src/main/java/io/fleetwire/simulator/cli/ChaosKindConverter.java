package io.fleetwire.simulator.cli;

import io.fleetwire.simulator.chaos.ChaosKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --chaos half-open} → {@link ChaosKind#HALF_OPEN}. */
final class ChaosKindConverter implements ITypeConverter<ChaosKind> {
  @Override
  public ChaosKind convert(String value) {
    try {
      return ChaosKind.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
