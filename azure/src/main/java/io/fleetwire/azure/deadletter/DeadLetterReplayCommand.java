package io.fleetwire.azure.deadletter;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import io.fleetwire.azure.AzureClients;
import io.fleetwire.azure.servicebus.ServiceBusSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/replay-dead-letters.sh}: flags → {@link DeadLetterReplay} against a real namespace. */
@Command(name = "replay-dead-letters", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Moves dead-lettered messages back to their Service Bus queue, or lists them (--dry-run).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:Service Bus unreachable or refusing, or a send failed (that message stays dead-lettered)",
        "2:invalid options"})
public final class DeadLetterReplayCommand implements Callable<Integer> {

  @Option(names = "--namespace", defaultValue = "${env:FLEETWIRE_SERVICEBUS_NAMESPACE}",
      description = "Fully qualified namespace, e.g. sbns-fleetwire-x.servicebus.windows.net, reached with "
          + "DefaultAzureCredential (env FLEETWIRE_SERVICEBUS_NAMESPACE).")
  String namespace;

  @Option(names = "--connection-string", defaultValue = "${env:FLEETWIRE_SERVICEBUS_CONNECTION}",
      description = "Instead of --namespace (env FLEETWIRE_SERVICEBUS_CONNECTION).")
  String connectionString;

  @Option(names = "--queue", defaultValue = ServiceBusSettings.DEFAULT_QUEUE,
      description = "Queue whose dead letters are replayed (default ${DEFAULT-VALUE}).")
  String queue;

  @Option(names = "--dry-run", description = "List the dead letters (id, reason, description, enqueued time); move nothing.")
  boolean dryRun;

  @Option(names = "--max", defaultValue = "100", description = "At most this many messages (default ${DEFAULT-VALUE}).")
  int max;

  @Option(names = "--duplicate-window", defaultValue = "PT10M",
      description = "The queue's duplicate-detection window: younger messages are left for a later run (default ${DEFAULT-VALUE}).")
  Duration duplicateWindow;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeadLetterReplayCommand()).execute(args));
  }

  @Override
  public Integer call() {
    if (max < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
    }
    ServiceBusClientBuilder builder;
    try {
      // An operator waits at the terminal: fail within about a minute, not the SDK's four.
      builder = AzureClients.serviceBus(namespace, connectionString)
          .retryOptions(new AmqpRetryOptions().setMaxRetries(2).setTryTimeout(Duration.ofSeconds(20)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --namespace or --connection-string");
    }
    try (ServiceBusReceiverClient deadLetters = builder.receiver().queueName(queue)
            .subQueue(SubQueue.DEAD_LETTER_QUEUE).receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
            .disableAutoComplete().buildClient();
        ServiceBusSenderClient sender = builder.sender().queueName(queue).buildClient()) {
      return run(new DeadLetterReplay(deadLetters, sender, Clock.systemUTC()), spec.commandLine().getOut(),
          spec.commandLine().getErr());
    } catch (RuntimeException e) {
      // Unreachable namespace, missing role, unknown queue: the SDK's reason, not a stack trace.
      spec.commandLine().getErr().println("cannot replay from " + queue + ": " + e.getMessage());
      return 1;
    }
  }

  int run(DeadLetterReplay replay, PrintWriter out, PrintWriter err) {
    if (dryRun) {
      List<DeadLetterReplay.DeadLetter> listed = replay.list(max);
      out.println("messageId\tenqueuedTime\treason\tdescription");
      listed.forEach(d -> out.println(d.messageId() + '\t' + d.enqueuedTime() + '\t' + d.reason() + '\t'
          + d.description()));
      out.println(listed.size() + " dead-lettered message(s) on " + queue + " listed, none moved");
      out.flush();
      return 0;
    }
    DeadLetterReplay.Outcome outcome = replay.replay(max, duplicateWindow);
    out.println("moved " + outcome.moved() + " message(s) back to " + queue + "; left " + outcome.tooYoung()
        + " younger than " + duplicateWindow + " for a later run"
        + (outcome.sentNotCompleted() > 0 ? "; " + outcome.sentNotCompleted()
            + " sent but still dead-lettered (a later run sends them again, harmlessly)" : ""));
    out.flush();
    if (outcome.failure() != null) {
      err.println("stopped: " + outcome.failure() + " (the message stays dead-lettered)");
      err.flush();
      return 1;
    }
    return 0;
  }
}
