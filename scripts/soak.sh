#!/usr/bin/env bash
# Soak run: the local stack under churn for MINUTES, sampled once a minute.
#   scripts/soak.sh MINUTES [OUT_DIR]
# Churn: a simulator process of 200 devices is replaced about every minute (even cycles end
# normally after 50 s, odd ones are SIGKILLed after 30 s, so devices vanish with frames unacked and
# resend on the next run), and a chaos process keeps silent, half-open, truncated and garbage clients connecting.
# Each minute: heap after a forced GC, RSS, open fds, threads, NMT "Other" (direct memory) of the
# stack, appended to OUT_DIR/soak.csv. Needs the jars: ./mvnw -B -o -pl local -am package -DskipTests
set -euo pipefail
minutes=${1:?usage: soak.sh MINUTES [OUT_DIR]}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$root/target/soak-$(date -u +%Y%m%dT%H%M%SZ)}
tcp_port=${SOAK_TCP_PORT:-25027}
http_port=${SOAK_HTTP_PORT:-27071}
mkdir -p "$out/data" "$out/jars"
# Private copies: a rebuild during the run must not swap the jars under the JVMs.
cp "$root/local/target/fleetwire-local.jar" "$root/simulator/target/fleetwire-simulator.jar" "$out/jars/"

pids=()
cleanup() {
  trap - EXIT INT TERM
  if [[ -n "${churner:-}" ]]; then
    kill "$churner" 2>/dev/null || true
    pkill -P "$churner" 2>/dev/null || true
  fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

java -Xmx512m -XX:NativeMemoryTracking=summary -jar "$out/jars/fleetwire-local.jar" \
  --tcp-host 127.0.0.1 --tcp-port "$tcp_port" --http-port "$http_port" --data "$out/data" \
  --idle-timeout 30s >"$out/stack.log" 2>&1 &
stack=$!
pids+=("$stack")
for _ in $(seq 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$tcp_port") 2>/dev/null && break
  sleep 1
done

sim() {
  exec java -Xmx256m -jar "$out/jars/fleetwire-simulator.jar" --port "$tcp_port" --progress 30s "$@"
}
sim --devices 1 --first-device 900000 --interval 5s --chaos silent,half-open,truncated,garbage \
  --chaos-count 5 >"$out/chaos.log" 2>&1 &
pids+=("$!")

echo "minute,utc,heap_used_after_gc_kib,rss_kib,open_fds,threads,nmt_other_kib,established" \
  >"$out/soak.csv"
sample() {
  local row est
  row=$("$root/scripts/measure/jvm-sample.sh" "$stack")
  est=$(ss -Htn state established "( sport = :$tcp_port )" | wc -l)
  echo "$1,$(date -u +%H:%M:%S),$row,$est" | tee -a "$out/soak.csv"
}

churn() {
  local cycle=0 run
  while true; do
    cycle=$((cycle + 1))
    sim --devices 200 --first-device 0 --interval 1s --ack-timeout 5s --reconnect-min 500ms \
      --reconnect-max 5s --ramp-up 5s --duration 50s --drain-timeout 5s >>"$out/churn.log" 2>&1 &
    run=$!
    if (( cycle % 2 == 1 )); then
      sleep 30
      kill -9 "$run" 2>/dev/null || true
      echo "cycle $cycle: simulator SIGKILLed mid-flight" >>"$out/churn.log"
    fi
    wait "$run" 2>/dev/null || true
    sleep 5
  done
}
churn &
churner=$!

# Samples on the wall clock, one a minute, whatever the churn's pace on a loaded machine.
start=$(date +%s)
sleep 20
sample 0
for minute in $(seq 1 "$minutes"); do
  sleep $(( start + 20 + minute * 60 - $(date +%s) > 0 ? start + 20 + minute * 60 - $(date +%s) : 0 ))
  sample "$minute"
done
grep -h 'done:' "$out/churn.log" | tail -3 || true
tail -2 "$out/chaos.log"
echo "soak CSV: $out/soak.csv"
