#!/usr/bin/env bash
# Loopback load run of the front with simulated devices (docs/BENCHMARKS.md, "Front load (loopback)").
# Builds the benchmarks jar, then runs each scenario in its own JVM. Extra arguments go to every
# run, e.g. `scripts/bench-front.sh --duration 60s`; extra JVM options go in BENCH_JAVA_OPTS (e.g. a
# JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -pl benchmarks -am package -DskipTests

JAR=benchmarks/target/benchmarks.jar
MAIN=io.fleetwire.benchmarks.load.FrontLoadRun
# Per-connection log lines would cost more than the work measured.
JVM_OPTS=(-Xms512m -Xmx512m -DFLEETWIRE_LOG_LEVEL=WARN)
read -r -a EXTRA_OPTS <<< "${BENCH_JAVA_OPTS:-}"

echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n): $(nproc) cpus, $(java -version 2>&1 | head -1)"
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for frame in 1 10 50; do
  echo "== 1000 devices x ${frame}-record frames"
  java "${JVM_OPTS[@]}" ${EXTRA_OPTS[@]+"${EXTRA_OPTS[@]}"} -cp "$JAR" "$MAIN" --devices 1000 --records-per-frame "$frame" "$@"
done
