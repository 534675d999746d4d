package io.fleetwire.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fleetwire.simulator.FakeFront.Reply;
import io.fleetwire.simulator.cli.SimulatorCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The simulator's exit code and reason, which a smoke test relies on, against loopback fronts. */
class RunVerdictTest {

  private record Outcome(int code, String out, String err) {
  }

  private static Outcome run(int port) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SimulatorCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("--port", String.valueOf(port), "--devices", "1", "--interval", "200ms",
        "--duration", "1s", "--ack-timeout", "500ms", "--drain-timeout", "1500ms",
        "--reconnect-min", "100ms", "--reconnect-max", "200ms", "--progress", "10s");
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void exitsZeroWhenEveryRecordIsAcked() throws IOException {
    try (FakeFront front = FakeFront.ackingEverything()) {
      Outcome outcome = run(front.port());
      assertEquals(0, outcome.code(), outcome.err());
      assertTrue(outcome.out().contains("record(s) acked by 127.0.0.1:" + front.port()), outcome.out());
    }
  }

  @Test
  void exitsNonZeroWhenTheFrontNeverAcks() throws IOException {
    try (FakeFront front = new FakeFront(true, (index, records) -> Reply.silence())) {
      Outcome outcome = run(front.port());
      assertEquals(1, outcome.code());
      assertTrue(outcome.err().contains("nothing was acked by 127.0.0.1:" + front.port()), outcome.err());
      assertTrue(outcome.err().matches("(?s).*[1-9]\\d* ack timeout\\(s\\).*"), outcome.err());
    }
  }

  @Test
  void exitsNonZeroWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Outcome outcome = run(port);
    assertEquals(1, outcome.code());
    assertTrue(outcome.err().matches("(?s).*nothing was acked.*0 connect\\(s\\), [1-9]\\d* connect failure.*"),
        outcome.err());
  }

  @Test
  void exitsThreeWhenTheFrontRefusesTheLogin() throws IOException {
    try (FakeFront front = new FakeFront(false, (index, records) -> Reply.ack(records))) {
      Outcome outcome = run(front.port());
      assertEquals(3, outcome.code());
      assertTrue(outcome.err().contains("refused 1 login(s): is the IMEI registered"), outcome.err());
    }
  }

  @Test
  void exitsNonZeroWhenSomeRecordsStayUnacked() throws IOException {
    try (FakeFront front = new FakeFront(true,
        (index, records) -> index == 0 ? Reply.ack(records) : Reply.silence())) {
      Outcome outcome = run(front.port());
      assertEquals(1, outcome.code());
      assertTrue(outcome.err().matches("(?s).*[1-9]\\d* record\\(s\\) never acked by 127\\.0\\.0\\.1:.*"), outcome.err());
    }
  }
}
