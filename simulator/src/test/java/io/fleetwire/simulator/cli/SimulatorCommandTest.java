package io.fleetwire.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new SimulatorCommand());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void rejectsUnknownCodecWithAMessage() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--codec", "9"));
    assertTrue(err.toString().contains("unknown codec '9'"), err.toString());
  }

  @Test
  void rejectsMoreRecordsPerFrameThanAFrameHolds() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--records-per-frame", "300"));
    assertTrue(err.toString().contains("records per frame must be 1..255"), err.toString());
  }

  @Test
  void readsShortAndIsoDurations() {
    DurationConverter converter = new DurationConverter();
    assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
    assertEquals(Duration.ofMinutes(5), converter.convert("5m"));
    assertEquals(Duration.ofSeconds(10), converter.convert("PT10S"));
  }

  @Test
  void rejectsAnUnreadableDuration() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--interval", "soon"));
    assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
  }

  @Test
  void rejectsTlsTrustOptionsWithoutTls() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--tls-insecure"));
    assertTrue(err.toString().contains("need --tls"), err.toString());
  }

  @Test
  void rejectsATrustFileTogetherWithInsecureTrust() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--tls", "--tls-insecure", "--tls-trust", "ca.crt"));
    assertTrue(err.toString().contains("not both"), err.toString());
  }

  @Test
  void rejectsAnUnreadableTrustFile() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--tls", "--tls-trust", "no-such-dir/ca.crt"));
    assertTrue(err.toString().contains("cannot read TLS trust file"), err.toString());
  }
}
