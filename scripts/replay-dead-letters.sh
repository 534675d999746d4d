#!/usr/bin/env bash
# Moves dead-lettered telemetry back to its Service Bus queue after the cause is fixed, or lists it
# with --dry-run (docs/OPERATIONS.md, "Replaying dead letters"). Signs in with DefaultAzureCredential
# (az login), which needs Azure Service Bus Data Owner, or Data Receiver and Data Sender, on the queue.
#
#   scripts/replay-dead-letters.sh --namespace <name>.servicebus.windows.net [--queue telemetry]
#       [--dry-run] [--max 100] [--duplicate-window PT10M]
#
# Needs the azure module built: ./mvnw -B -pl azure -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

classes=azure/target/classes
lib=azure/target/replay-lib
if [[ ! -d "$classes/io/fleetwire/azure/deadletter" || ! -d "$lib" ]]; then
  echo "the azure module is not built: run ./mvnw -B -pl azure -am package -DskipTests" >&2
  exit 2
fi
exec java -cp "$classes:$lib/*" io.fleetwire.azure.deadletter.DeadLetterReplayCommand "$@"
