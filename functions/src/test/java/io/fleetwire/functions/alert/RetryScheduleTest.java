package io.fleetwire.functions.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryScheduleTest {
  private final RetrySchedule schedule = RetrySchedule.DEFAULT;

  @Test
  void doublesFromTenSecondsUpToAnHour() {
    assertEquals(Duration.ofSeconds(10), schedule.delayAfter(1));
    assertEquals(Duration.ofSeconds(20), schedule.delayAfter(2));
    assertEquals(Duration.ofSeconds(2560), schedule.delayAfter(9));
    assertEquals(Duration.ofHours(1), schedule.delayAfter(10));
    assertEquals(Duration.ofHours(1), schedule.delayAfter(10_000));
  }

  @Test
  void keepsTryingForMoreThanADayThenAbandons() {
    Instant changed = Instant.parse("2026-07-01T00:00:00Z");
    Instant now = changed;
    int failures = 0;
    Instant next;
    while ((next = schedule.next(changed, ++failures, now)) != null) {
      now = next;
    }
    assertNotNull(now);
    assertEquals(true, Duration.between(changed, now).compareTo(Duration.ofDays(1)) > 0,
        "last attempt " + Duration.between(changed, now));
    assertNull(schedule.next(changed, failures, now));
  }

  @Test
  void refusesASchedulesThatGivesUpWithinADay() {
    assertThrows(IllegalArgumentException.class,
        () -> new RetrySchedule(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(2)));
  }
}
