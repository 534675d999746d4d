package io.fleetwire.front;

import io.fleetwire.contract.TelemetryPublisher;
import io.fleetwire.front.azure.AzureCommands;
import io.fleetwire.front.server.FrontServer;

/** A started front and what it owns, stopped in order by {@link #close()} (on SIGTERM). */
final class RunningFront implements AutoCloseable {
  private final FrontServer server;
  private final TelemetryPublisher telemetry;
  private final AzureCommands commands;

  /** {@code commands} is null where device commands are off. */
  RunningFront(FrontServer server, TelemetryPublisher telemetry, AzureCommands commands) {
    this.server = server;
    this.telemetry = telemetry;
    this.commands = commands;
  }

  int port() {
    return server.port();
  }

  /**
   * Notes stop first (the replica's subscription goes away), then the devices drain (their last
   * frames acked), then the outbox (a command still in flight ends failed) and the publisher close.
   */
  @Override
  public void close() {
    if (commands != null) {
      commands.stopNotes();
    }
    server.close();
    if (commands != null) {
      commands.close();
    }
    telemetry.close();
  }
}
