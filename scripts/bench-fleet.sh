#!/usr/bin/env bash
# Fleet benchmark: the local stack with DEVICES simulated trackers (--demo, in-process), then
# benchmarks/.../fleet/FleetBench against it: p50/p95 of GET /api/fleet/summary and /api/fleet/map
# (fleet-wide and zoomed), the dashboard's time until interactive and bytes per steady-state
# refresh in headless Chromium, and documents read per refresh on the Cosmos path (COSMOS_DEVICES
# ingested into the Cosmos test server). Also prints the demo's own CPU (its last 'demo:' line)
# and the stack process's CPU while the benchmark ran. Run it on a quiet machine.
#
#   scripts/bench-fleet.sh                                   # build, 10,000 devices, every figure
#   DEVICES=200 STEADY=10 COSMOS_DEVICES=200 SKIP_BUILD=1 scripts/bench-fleet.sh \
#     --requests 20 --loads 1 --settle 5s --window 20s       # a quick check that it works
# Arguments go to FleetBench (--help lists them).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES=${DEVICES:-10000}
DEMO_INTERVAL=${DEMO_INTERVAL:-5s}
# Seconds of steady state after every device is online, before measuring: each device has sent
# several records and the JIT has compiled the hot paths.
STEADY=${STEADY:-60}
COSMOS_DEVICES=${COSMOS_DEVICES:-$DEVICES}
TCP_PORT=${TCP_PORT:-15027}
HTTP_PORT=${HTTP_PORT:-17071}
HEAP=${HEAP:-1g}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl local,benchmarks -am package -DskipTests
fi
LOCAL_JAR=local/target/fleetwire-local.jar
BENCH_JAR=benchmarks/target/benchmarks.jar

source scripts/measure/stack-run.sh bench-fleet

online() {
  curl -sf "http://127.0.0.1:$HTTP_PORT/api/fleet/summary" | grep -oE '"online":[0-9]+' | grep -oE '[0-9]+' || echo 0
}

echo "== start $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx"$HEAP" -jar "$LOCAL_JAR" --tcp-host 127.0.0.1 --tcp-port "$TCP_PORT" --http-port "$HTTP_PORT" \
  --data "$DATA/data" --demo "$DEVICES" --demo-interval "$DEMO_INTERVAL" >"$DATA/stack.log" 2>&1 &
STACK_PID=$!
# The demo connects 500 devices a second; allow that and two minutes more.
deadline=$(( $(date +%s) + DEVICES / 500 + 120 ))
until (( $(online) >= DEVICES )); do
  if (( $(date +%s) > deadline )) || ! kill -0 "$STACK_PID" 2>/dev/null; then
    echo "the stack did not get $DEVICES devices online (now $(online)); log:" >&2
    grep -v 'imei=' "$DATA/stack.log" | tail -20 >&2
    exit 1
  fi
  sleep 2
done
echo "   $DEVICES devices online at $(date -u +%T); steady state for $STEADY s"
sleep "$STEADY"

cpu0=$(cpu_seconds "$STACK_PID"); t0=$(date +%s)
java -cp "$BENCH_JAR" io.fleetwire.benchmarks.fleet.FleetBench --url "http://127.0.0.1:$HTTP_PORT/" \
  --cosmos-devices "$COSMOS_DEVICES" "$@"
cpu1=$(cpu_seconds "$STACK_PID"); t1=$(date +%s)
echo "== stack process: $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.1f", b - a}') s CPU in $((t1 - t0)) s" \
  "while the benchmark ran (its $DEVICES demo devices included)"
kill -TERM "$STACK_PID"
wait "$STACK_PID" || true
STACK_PID=
echo "== demo devices' own CPU (simulator threads), from the stack's log:"
grep 'demo:' "$DATA/stack.log" | tail -2
echo "   load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
