#!/usr/bin/env bash
# Starts Fleetwire locally in one JVM (TCP front on 5027, API and dashboard on http://localhost:7071/,
# SQLite under ./data), building the jar first when the sources are newer. Extra flags go to the
# stack, e.g. --demo 20 for twenty simulated trackers; --help lists them all.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=local/target/fleetwire-local.jar
if [ ! -f "$jar" ] || [ -n "$(find contract tcp-front functions local simulator -newer "$jar" -type f \( -name '*.java' -o -name '*.js' -o -name '*.html' -o -name '*.css' -o -name '*.json' -o -name 'pom.xml' \) -not -path '*/target/*' -print -quit)" ]; then
  ./mvnw -B -q -pl local -am package -DskipTests
fi
exec java -jar "$jar" "$@"
