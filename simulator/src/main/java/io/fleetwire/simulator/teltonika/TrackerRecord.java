package io.fleetwire.simulator.teltonika;

import java.util.List;

/**
 * One AVL record as a tracker produces it, in wire units: time in epoch milliseconds, longitude
 * and latitude in degrees × 10^7 (signed), altitude in metres (signed), angle in degrees, speed in
 * km/h. {@code generationType} is only written by Codec 16. IO elements keep their order within
 * each size group, so an encoded record can reproduce a captured one byte for byte.
 */
public record TrackerRecord(
    long timestampMillis,
    int priority,
    int longitude,
    int latitude,
    int altitude,
    int angle,
    int satellites,
    int speed,
    int eventId,
    int generationType,
    List<IoValue> io,
    List<VariableIo> variableIo) {

  public TrackerRecord {
    io = List.copyOf(io);
    variableIo = variableIo == null ? List.of() : List.copyOf(variableIo);
  }
}
