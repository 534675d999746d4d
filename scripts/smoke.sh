#!/usr/bin/env bash
# Smoke test of a running Fleetwire, end to end: registers a test device through the API, sends
# data from it with the simulator, then reads that device's positions and report back through the
# API. Exits non-zero, saying which step failed and why, when anything does not work.
#
#   scripts/smoke.sh <api-url> <device-host:port>
#
#   api-url   the API base: https://<function app>/api on Azure, http://127.0.0.1:7071/api locally
#
# Environment:
#   FLEETWIRE_API_TOKEN  bearer token for the API (Azure: az account get-access-token --resource
#                        api://<client id> --query accessToken -o tsv; locally: --api-token)
#   SMOKE_TIMEOUT        seconds to wait for the registration to reach the front, and again for the
#                        records to be stored (default 180)
#   SMOKE_SEND           how long the simulated device sends, one record a second (default 10s)
#   SIMULATOR_JAR        default simulator/target/fleetwire-simulator.jar
#
# The device keeps its registration, so later runs are accepted at once; its IMEI is
# 356307049999997 (the simulator's serial 999999 under its default prefix).
set -euo pipefail

usage() {
  echo "usage: $0 <api-url> <device-host:port>" >&2
  exit 2
}

[[ $# -eq 2 && $2 == *:* ]] || usage
api=${1%/}
host=${2%:*}
port=${2##*:}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${SIMULATOR_JAR:-$root/simulator/target/fleetwire-simulator.jar}
timeout=${SMOKE_TIMEOUT:-180}
send=${SMOKE_SEND:-10s}
imei_prefix=35630704
serial=999999
imei=356307049999997
body=$(mktemp)
trap 'rm -f "$body"' EXIT

fail() {
  echo "smoke test FAILED: $*" >&2
  exit 1
}

[[ -f "$jar" ]] || fail "no simulator at $jar: run ./mvnw -B package -DskipTests"

# GET or POST to the API; prints the status code and leaves the body in $body.
call() {
  local method=$1 path=$2
  shift 2
  local auth=()
  [[ -z "${FLEETWIRE_API_TOKEN:-}" ]] || auth=(-H "Authorization: Bearer $FLEETWIRE_API_TOKEN")
  curl -sS -o "$body" -w '%{http_code}' -X "$method" "${auth[@]}" --max-time 30 "$@" "$api$path" || echo 000
}

expect_ok() {
  local what=$1 status=$2
  [[ "$status" == 200 ]] || fail "$what answered $status: $(head -c 500 "$body")"
}

deadline=$(($(date +%s) + timeout))
until [[ "$(call GET /health)" == 200 ]]; do
  (($(date +%s) < deadline)) || fail "$api/health did not answer 200 within ${timeout}s: $(head -c 500 "$body")"
  sleep 5
done
echo "health: 200"

status=$(call POST /devices -H 'Content-Type: application/json' --data "{\"imei\":\"$imei\",\"name\":\"smoke test\"}")
case $status in
  200 | 201) echo "registered $imei" ;;
  409) echo "$imei was registered already" ;;
  *) fail "registering $imei answered $status: $(head -c 500 "$body")" ;;
esac

from=$(date -u -d '-10 minutes' +%Y-%m-%dT%H:%M:%SZ)
# A registration reaches the front within a refresh interval: a refused login is retried until then.
while true; do
  code=0
  java -jar "$jar" --host "$host" --port "$port" --devices 1 --imei-prefix "$imei_prefix" \
    --first-device "$serial" --interval 1s --duration "$send" --progress 60s || code=$?
  case $code in
    0) break ;;
    3) (($(date +%s) < deadline)) || fail "the front at $host:$port still refuses $imei ${timeout}s after its registration"
       sleep 5 ;;
    *) fail "the simulator exited with $code against $host:$port (reason above)" ;;
  esac
done
to=$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%SZ)

# Acked records reach the store through the queue: poll until they show.
deadline=$(($(date +%s) + timeout))
while true; do
  expect_ok "positions of $imei" "$(call GET "/devices/$imei/positions?from=$from&to=$to")"
  positions=$(jq -e '.items | length' "$body") || fail "positions of $imei are not a list of items: $(head -c 500 "$body")"
  ((positions == 0)) || break
  (($(date +%s) < deadline)) || fail "no positions of $imei stored within ${timeout}s of being acked"
  sleep 5
done
echo "positions: $positions"

expect_ok "report of $imei" "$(call GET "/devices/$imei/report?from=$from&to=$to")"
records=$(jq -e '.records' "$body") || fail "the report of $imei has no record count: $(head -c 500 "$body")"
((records > 0)) || fail "the report of $imei counts no records: $(head -c 500 "$body")"
echo "report: $records records"
echo "smoke test passed"
