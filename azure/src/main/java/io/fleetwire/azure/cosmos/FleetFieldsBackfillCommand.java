package io.fleetwire.azure.cosmos;

import io.fleetwire.azure.AzureClients;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code scripts/backfill-fleet-fields.sh}: flags → {@link FleetFieldsBackfill} against a real account. */
@Command(name = "backfill-fleet-fields", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Gives device documents written before the fleet views their map and change fields.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:Cosmos DB unreachable or refusing", "2:invalid options"})
public final class FleetFieldsBackfillCommand implements Callable<Integer> {

  @Option(names = "--endpoint", defaultValue = "${env:" + CosmosSettings.ENDPOINT_ENV + "}",
      description = "Account endpoint, e.g. https://cosmos-fleetwire-x.documents.azure.com:443/, reached with "
          + "DefaultAzureCredential (env " + CosmosSettings.ENDPOINT_ENV + ").")
  String endpoint;

  @Option(names = "--key", defaultValue = "${env:" + CosmosSettings.KEY_ENV + "}",
      description = "An account key instead of the credential (env " + CosmosSettings.KEY_ENV + ").")
  String key;

  @Option(names = "--database", defaultValue = "${env:" + CosmosSettings.DATABASE_ENV + ":-"
      + CosmosSettings.DEFAULT_DATABASE + "}", description = "Database (default ${DEFAULT-VALUE}).")
  String database;

  @Option(names = "--batch", defaultValue = "100", description = "Documents per round (default ${DEFAULT-VALUE}).")
  int batch;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FleetFieldsBackfillCommand()).execute(args));
  }

  @Override
  public Integer call() {
    if (endpoint == null || endpoint.isBlank() || batch < 1) {
      spec.commandLine().getErr().println("Give --endpoint (or " + CosmosSettings.ENDPOINT_ENV
          + ") and a --batch of at least 1.");
      return 2;
    }
    CosmosSettings settings = new CosmosSettings(endpoint, key, database, null,
        CosmosSettings.DEFAULT_OPERATION_TIMEOUT);
    try {
      FleetFieldsBackfill.Result result = new FleetFieldsBackfill(AzureClients.cosmosDatabase(settings)
          .getContainer(CosmosTelemetryStore.DEVICES), Clock.systemUTC(), settings.operationTimeout()).run(batch);
      spec.commandLine().getOut().println("devices given their fleet fields: " + result.patched()
          + "; changed by ingest or the registry meanwhile (they have them): " + result.changedMeanwhile());
      return 0;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("backfill stopped: " + e.getMessage() + " (run it again to go on)");
      return 1;
    }
  }
}
