# Sourced by the benchmark scripts that run the local stack jar: a temporary data directory in
# $DATA and the stack's process id in $STACK_PID, both cleaned up when the script exits, and
# cpu_seconds PID. Usage: source scripts/measure/stack-run.sh NAME
DATA=$(mktemp -d -t "fleetwire-$1.XXXXXX")
STACK_PID=
cleanup() {
  if [[ -n "$STACK_PID" ]] && kill -0 "$STACK_PID" 2>/dev/null; then
    kill -TERM "$STACK_PID"
    wait "$STACK_PID" || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# utime + stime of a process in seconds (proc(5) fields 14 and 15, in clock ticks)
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"
}
