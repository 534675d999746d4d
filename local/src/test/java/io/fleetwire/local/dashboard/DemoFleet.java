package io.fleetwire.local.dashboard;

import io.fleetwire.simulator.Imei;
import io.fleetwire.simulator.teltonika.TrackerRecord;
import io.fleetwire.simulator.vehicle.Vehicle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The simulated fleet the browser tests look at: six vehicles of the simulator driving around
 * Berlin (their seeds put them there), each with three hours of records every ten seconds, and a
 * spare tracker that is registered but has never reported.
 *
 * <p>The simulator's {@code Simulation} stamps records with the wall clock of its ticks, so a
 * bounded test run would hold seconds of driving; the same {@link Vehicle} model is therefore run
 * over past record times here and delivered through the front by {@link SimulatedTracker}.
 */
final class DemoFleet {

  /** One device: its IMEI, the name it is registered under, and its vehicle's seed (none: it never reports). */
  record Member(String imei, String name, Long seed) {
  }

  static final String IMEI_PREFIX = "35630704";
  static final Duration HISTORY = Duration.ofHours(3);
  static final Duration RECORD_EVERY = Duration.ofSeconds(10);

  /** Seed 34 drives through few over-speeding alarms and one crash: its device view reads well. */
  static final Member VAN = new Member(Imei.of(IMEI_PREFIX, 101), "Delivery van 101", 34L);
  static final Member REEFER = new Member(Imei.of(IMEI_PREFIX, 102), "Reefer truck 7", 35L);
  static final Member SPARE = new Member(Imei.of(IMEI_PREFIX, 199), "Spare tracker", null);
  static final List<Member> DRIVING = List.of(
      VAN,
      REEFER,
      new Member(Imei.of(IMEI_PREFIX, 103), "Box truck 12", 4L),
      new Member(Imei.of(IMEI_PREFIX, 104), "Service car 3", 9L),
      new Member(Imei.of(IMEI_PREFIX, 105), "Delivery van 104", 10L),
      new Member(Imei.of(IMEI_PREFIX, 106), "Courier car 5", 16L));

  private DemoFleet() {
  }

  static List<Member> members() {
    return Stream.concat(DRIVING.stream(), Stream.of(SPARE)).toList();
  }

  /** Registers every member's name, then delivers each vehicle's history, the last record at {@code end}. */
  static void deliver(RunningStack stack, Instant end) {
    members().forEach(member -> stack.api().register(member.imei(), member.name()));
    for (Member member : DRIVING) {
      SimulatedTracker.send(stack.tcpPort(), member.imei(), history(member.seed(), end));
    }
  }

  /** The records of the vehicle with this seed over {@link #HISTORY}, every {@link #RECORD_EVERY}, up to {@code end}. */
  static List<TrackerRecord> history(long seed, Instant end) {
    Vehicle vehicle = new Vehicle(seed);
    int count = (int) (HISTORY.toMillis() / RECORD_EVERY.toMillis());
    long first = end.toEpochMilli() - (count - 1) * RECORD_EVERY.toMillis();
    List<TrackerRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(vehicle.next(first + i * RECORD_EVERY.toMillis(), true));
    }
    return records;
  }
}
