#!/usr/bin/env bash
# Gives device documents stored before the fleet views (map, summary, change listing) the fields
# those views query, so devices silent since the upgrade show on the map (docs/OPERATIONS.md).
# Signs in with DefaultAzureCredential (az login): the deployed account refuses keys, so your
# identity needs a Cosmos DB SQL role assignment of Built-in Data Contributor (docs/OPERATIONS.md).
#
#   scripts/backfill-fleet-fields.sh --endpoint https://<account>.documents.azure.com:443/ [--database fleetwire]
#       [--batch 100]
#
# Needs the azure module built: ./mvnw -B -pl azure -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

classes=azure/target/classes
lib=azure/target/replay-lib
if [[ ! -d "$classes/io/fleetwire/azure/cosmos" || ! -d "$lib" ]]; then
  echo "the azure module is not built: run ./mvnw -B -pl azure -am package -DskipTests" >&2
  exit 2
fi
exec java -cp "$classes:$lib/*" io.fleetwire.azure.cosmos.FleetFieldsBackfillCommand "$@"
