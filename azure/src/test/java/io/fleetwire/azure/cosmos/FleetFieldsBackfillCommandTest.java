package io.fleetwire.azure.cosmos;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetFieldsBackfillCommandTest {

  private static int execute(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new FleetFieldsBackfillCommand());
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void refusesToRunWithoutAnEndpoint() {
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--endpoint", ""));
    assertTrue(err.toString().contains("Give --endpoint"), err.toString());
  }

  @Test
  void refusesABatchBelowOne() {
    StringWriter err = new StringWriter();
    assertEquals(2, execute(err, "--endpoint", "https://x.documents.azure.com:443/", "--batch", "0"));
    assertTrue(err.toString().contains("--batch of at least 1"), err.toString());
  }
}
