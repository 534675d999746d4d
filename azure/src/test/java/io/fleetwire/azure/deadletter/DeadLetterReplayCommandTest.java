package io.fleetwire.azure.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeadLetterReplayCommandTest {

  private static int execute(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new DeadLetterReplayCommand());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void refusesToRunWithoutANamespace() {
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--namespace", "", "--connection-string", ""));
    assertTrue(err.toString().contains("give --namespace or --connection-string"), err.toString());
  }

  @Test
  void refusesAMaxBelowOne() {
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--namespace", "x.servicebus.windows.net", "--max", "0"));
    assertTrue(err.toString().contains("--max must be at least 1"), err.toString());
  }

  @Test
  void dryRunPrintsIdReasonDescriptionAndEnqueuedTime() {
    DeadLetterReplay replay = mock(DeadLetterReplay.class);
    when(replay.list(5)).thenReturn(List.of(new DeadLetterReplay.DeadLetter("env-1", 7, "MaxDeliveryCountExceeded",
        "Message could not be consumed after 10 delivery attempts.", OffsetDateTime.parse("2026-01-10T10:00Z"))));
    DeadLetterReplayCommand command = new DeadLetterReplayCommand();
    new CommandLine(command).parseArgs("--dry-run", "--max", "5");
    StringWriter out = new StringWriter();

    assertEquals(0, command.run(replay, new PrintWriter(out), new PrintWriter(new StringWriter())));
    assertTrue(out.toString().contains("env-1\t2026-01-10T10:00Z\tMaxDeliveryCountExceeded\tMessage could not be consumed"),
        out.toString());
    assertTrue(out.toString().contains("1 dead-lettered message(s) on telemetry listed, none moved"), out.toString());
  }

  @Test
  void aFailedSendExitsOneWithTheReason() {
    DeadLetterReplay replay = mock(DeadLetterReplay.class);
    when(replay.replay(100, Duration.ofMinutes(10)))
        .thenReturn(new DeadLetterReplay.Outcome(3, 1, 0, "sending env-4 failed: namespace busy"));
    DeadLetterReplayCommand command = new DeadLetterReplayCommand();
    new CommandLine(command).parseArgs();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    assertEquals(1, command.run(replay, new PrintWriter(out), new PrintWriter(err)));
    assertTrue(out.toString().startsWith("moved 3 message(s) back to telemetry; left 1 younger than PT10M"), out.toString());
    assertTrue(err.toString().contains("stopped: sending env-4 failed: namespace busy (the message stays dead-lettered)"),
        err.toString());
  }
}
