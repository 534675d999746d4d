#!/usr/bin/env bash
# Scale run: one front (memory publisher, fixed heap) and several simulator processes holding
# CONNECTIONS concurrent device connections, each sending 1 record per 10 s, until the
# measurement ends (then every process is stopped). Measures the front's
# heap after a forced GC and RSS idle and with everyone connected, the acked records/s over the
# steady state, and the simulators' ack latency.
#   scripts/scale-run.sh [CONNECTIONS=19200] [PROCESSES=3] [STEADY_SECONDS=180] [OUT_DIR]
# Needs the jars: ./mvnw -B -o -pl tcp-front,simulator -am package -DskipTests
set -euo pipefail
connections=${1:-19200}
processes=${2:-3}
steady=${3:-180}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${4:-$root/target/scale-$(date -u +%Y%m%dT%H%M%SZ)}
port=${SCALE_PORT:-35027}
health=${SCALE_HEALTH_PORT:-38080}
ramp=${SCALE_RAMP_SECONDS:-90}
heap=${SCALE_FRONT_HEAP:-1g}
per_process=$(( (connections + processes - 1) / processes ))
ulimit -n "$(ulimit -Hn)"
if (( per_process > $(ulimit -n) - 500 )); then
  echo "$per_process connections per process exceed the open-files limit $(ulimit -n); add processes" >&2
  exit 2
fi
mkdir -p "$out/jars"
cp "$root/tcp-front/target/fleetwire-tcp-front.jar" "$root/simulator/target/fleetwire-simulator.jar" "$out/jars/"

pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

metric() {
  { curl -s -m 20 "http://127.0.0.1:$health/metrics" || true; } \
    | awk -v m="$1" '$1 == m {printf "%d\n", $2}'
}
acked_total() {
  local sum=0 n
  for i in $(seq 0 $((processes - 1))); do
    n=$(grep -oE 'progress: .* acked=[0-9]+' "$out/sim-$i.log" | tail -1 | grep -oE ' acked=[0-9]+' \
      | grep -oE '[0-9]+' || echo 0)
    sum=$((sum + n))
  done
  echo "$sum"
}

java -Xms"$heap" -Xmx"$heap" -jar "$out/jars/fleetwire-tcp-front.jar" --host 127.0.0.1 \
  --port "$port" --health-port "$health" --publisher memory --idle-timeout 10m \
  >"$out/front.log" 2>&1 &
front=$!
pids+=("$front")
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$health/health/ready" >/dev/null && break
  sleep 1
done
sleep 10
idle=$("$root/scripts/measure/jvm-sample.sh" "$front")
echo "idle front: heap_kib,rss_kib,fds,threads = $idle" | tee "$out/summary.txt"

for i in $(seq 0 $((processes - 1))); do
  sources=$(seq -s, -f "127.0.0.%g" $((2 + i * 4)) $((5 + i * 4)))
  java -Xmx768m -jar "$out/jars/fleetwire-simulator.jar" --port "$port" \
    --devices "$per_process" --first-device $((i * per_process)) --source-addresses "$sources" \
    --interval 10s --ramp-up "${ramp}s" --ack-timeout 30s --reconnect-min 5s --progress 10s \
    >"$out/sim-$i.log" 2>&1 &
  pids+=("$!")
done

target=$(( per_process * processes ))
deadline=$(( $(date +%s) + ramp + 120 ))
while (( $(date +%s) < deadline )); do
  open=$(metric fleetwire_connections)
  (( ${open:-0} >= target )) && break
  sleep 5
done
open=$(metric fleetwire_connections)
echo "connected: ${open:-0} of $target" | tee -a "$out/summary.txt"
sleep 15
acked0=$(acked_total); t0=$(date +%s)
sleep "$steady"
acked1=$(acked_total); t1=$(date +%s)
open=$(metric fleetwire_connections)
loaded=$("$root/scripts/measure/jvm-sample.sh" "$front")
echo "loaded front: heap_kib,rss_kib,fds,threads = $loaded with $open connections" \
  | tee -a "$out/summary.txt"
IFS=, read -r h0 r0 _ <<<"$idle"
IFS=, read -r h1 r1 _ <<<"$loaded"
{
  echo "heap per connection: $(( (h1 - h0) * 1024 / open )) bytes"
  echo "RSS per connection: $(( (r1 - r0) * 1024 / open )) bytes"
  echo "acked records/s over ${steady}s steady state: $(( (acked1 - acked0) / (t1 - t0) ))"
  echo "extrapolated to 100000 connections: heap $(( (h1 - h0) * 100000 / open / 1024 )) MiB" \
    "+ idle $(( h0 / 1024 )) MiB, RSS $(( (r1 - r0) * 100000 / open / 1024 )) MiB + idle $(( r0 / 1024 )) MiB"
  for i in $(seq 0 $((processes - 1))); do
    echo "simulator $i: $(grep 'progress:' "$out/sim-$i.log" | tail -1)"
  done
} | tee -a "$out/summary.txt"
echo "logs and summary: $out"
