#!/usr/bin/env bash
# Local stack throughput: the fleetwire-local jar on a temporary data directory, fed by the
# simulator jar over loopback TCP. Prints the simulator's final line (records acked, acked/s,
# ack latency p50/p95/p99) for (a) closed loop at the maximum rate and (b) a paced
# 10,000 records/s (1,000 devices x 10 records every second). Also the records stored and the
# stack process's CPU seconds: on a shared machine, records per CPU-second is the steadier figure.
#
#   scripts/bench-local.sh                       # build, then both runs
#   SKIP_BUILD=1 DURATION=30s scripts/bench-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
MAX_DEVICES=${MAX_DEVICES:-200}
MAX_RECORDS_PER_FRAME=${MAX_RECORDS_PER_FRAME:-50}
PACED_DEVICES=${PACED_DEVICES:-1000}
PACED_RECORDS_PER_FRAME=${PACED_RECORDS_PER_FRAME:-10}
TCP_PORT=${TCP_PORT:-15027}
HTTP_PORT=${HTTP_PORT:-17071}
HEAP=${HEAP:-1g}
# On a loaded machine the default 10 s makes devices give up and resend work still queued.
ACK_TIMEOUT=${ACK_TIMEOUT:-30s}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  ./mvnw -B -q -pl local,simulator -am package -DskipTests
fi
LOCAL_JAR=local/target/fleetwire-local.jar
SIM_JAR=simulator/target/fleetwire-simulator.jar

source scripts/measure/stack-run.sh bench

start_stack() {
  java -Xmx"$HEAP" -jar "$LOCAL_JAR" --tcp-host 127.0.0.1 --tcp-port "$TCP_PORT" --http-port "$HTTP_PORT" \
    --data "$DATA/$1" >"$DATA/$1.log" 2>&1 &
  STACK_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$HTTP_PORT/api/health" >/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "local stack not healthy after 30 s; log:" >&2
  tail -20 "$DATA/$1.log" >&2
  exit 1
}

stop_stack() {
  kill -TERM "$STACK_PID"
  wait "$STACK_PID" || true
  STACK_PID=
}

run() {
  local name=$1
  shift
  echo "== $name: simulator $*"
  echo "   start $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  start_stack "$name"
  java -jar "$SIM_JAR" --host 127.0.0.1 --port "$TCP_PORT" --codec 8e --duration "$DURATION" \
    --ack-timeout "$ACK_TIMEOUT" "$@" 2>&1 | grep -E '^\[' | tail -1
  local devices cpu size stored
  devices=$(curl -sf "http://127.0.0.1:$HTTP_PORT/api/devices" | grep -o '"registered"' | wc -l || true)
  cpu=$(cpu_seconds "$STACK_PID")
  stop_stack
  size=$(du -sh "$DATA/$name" | cut -f1)
  if command -v sqlite3 >/dev/null; then
    stored=$(sqlite3 "file:$DATA/$name/fleetwire.db?mode=ro" "SELECT count(*) FROM records")
    echo "   $stored records stored, $devices devices listed; stack CPU ${cpu}s" \
      "= $(awk -v r="$stored" -v c="$cpu" 'BEGIN {printf "%.0f", r / c}') records per CPU-second (startup included)"
  else
    echo "   $devices devices listed; stack CPU ${cpu}s"
  fi
  echo "   data directory $size; load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
}

run max-rate --devices "$MAX_DEVICES" --interval 0s --records-per-frame "$MAX_RECORDS_PER_FRAME"
run paced-10k --devices "$PACED_DEVICES" --interval 1s --records-per-frame "$PACED_RECORDS_PER_FRAME" --ramp-up 1s
