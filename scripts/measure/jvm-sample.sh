#!/usr/bin/env bash
# Prints one CSV row of a JVM's resources: heap used after a forced GC (KiB), RSS (KiB), open file
# descriptors, threads, NMT "Other" committed (KiB; direct ByteBuffers and Unsafe allocations,
# needs -XX:NativeMemoryTracking=summary, else empty).
# Usage: jvm-sample.sh PID
set -euo pipefail
pid=$1
jcmd "$pid" GC.run >/dev/null
heap=$(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
fds=$(ls "/proc/$pid/fd" | wc -l)
other=$(jcmd "$pid" VM.native_memory summary 2>/dev/null \
  | grep -A0 -E '^-\s+Other \(' | grep -oE 'committed=[0-9]+KB' | grep -oE '[0-9]+' || true)
echo "$heap,$rss,$fds,$threads,$other"
