package io.fleetwire.front.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class DurationTextTest {

  @Test
  void readsShortForms() {
    assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
    assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
    assertEquals(Duration.ofMinutes(10), DurationText.parse("10m"));
    assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
  }

  @Test
  void readsIso8601() {
    assertEquals(Duration.ofMinutes(10), DurationText.parse("PT10M"));
  }

  @Test
  void rejectsTextWithoutAUnit() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("10"));
    assertEquals("'10' is not a duration: use e.g. 500ms, 30s, 10m, 2h or PT10M", error.getMessage());
  }
}
