#!/usr/bin/env bash
# Fuzzes the Teltonika decoders with Jazzer for a bounded time, then copies every finding into the
# committed corpus (tcp-front/src/test/resources/fuzz/TARGET/), where FuzzCorpusTest replays it
# in every build.
#   scripts/fuzz.sh MINUTES [decoder|pipeline|both]   (both: MINUTES each)
# Needs the test classes: ./mvnw -B -o -pl tcp-front -am test-compile
set -euo pipefail
minutes=${1:?usage: fuzz.sh MINUTES [decoder|pipeline|both]}
which=${2:-both}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/tcp-front/target/fuzz
mkdir -p "$work/lib"
mvn=("$root/mvnw" -B -q)
[[ -n "${FUZZ_OFFLINE:-}" ]] && mvn+=(-o)

version=$(sed -n '/<artifactId>jazzer<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p}' "$root/pom.xml")
for artifact in jazzer jazzer-api; do
  [[ -f "$work/lib/$artifact-$version.jar" ]] || "${mvn[@]}" -f "$root/pom.xml" -N \
    dependency:copy -Dartifact="com.code-intelligence:$artifact:$version" \
    -DoutputDirectory="$work/lib"
done
"${mvn[@]}" -f "$root/tcp-front/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="$root/tcp-front/target/test-classes:$root/tcp-front/target/classes:$(cat "$work/classpath.txt")"
cp="$cp:$work/lib/jazzer-api-$version.jar"

run() {
  local target=$1 class=$2
  local corpus=$root/tcp-front/src/test/resources/fuzz/$target
  local live=$work/corpus-$target findings=$work/findings-$target
  mkdir -p "$live" "$findings"
  cp -n "$corpus"/* "$live"/
  echo "fuzzing $target for $minutes minute(s)"
  set +e
  java -Xmx512m -XX:+UseSerialGC -cp "$work/lib/jazzer-$version.jar:$cp" com.code_intelligence.jazzer.Jazzer \
    --target_class="$class" --instrumentation_includes='io.fleetwire.front.teltonika.**' \
    --keep_going=100 -max_total_time=$((minutes * 60)) -print_final_stats=1 \
    -artifact_prefix="$findings/" -rss_limit_mb=2048 "$live" 2>&1 | tee "$work/$target.log" \
    | grep -E 'DONE|stat::|== Java Exception|FuzzFinding|Test unit written' || true
  set -e
  local found=0
  for f in "$findings"/{crash,oom,timeout,leak,slow-unit}-*; do
    [[ -e "$f" ]] || continue
    cp "$f" "$corpus/finding-$(basename "$f")"
    found=$((found + 1))
  done
  echo "$target: $found finding(s) copied to $corpus"
}

case $which in
  decoder) run decoder io.fleetwire.front.fuzz.DecoderFuzzTarget ;;
  pipeline) run pipeline io.fleetwire.front.fuzz.PipelineFuzzTarget ;;
  both)
    run decoder io.fleetwire.front.fuzz.DecoderFuzzTarget
    run pipeline io.fleetwire.front.fuzz.PipelineFuzzTarget ;;
  *) echo "unknown target $which" >&2; exit 2 ;;
esac
