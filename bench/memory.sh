#!/usr/bin/env bash
# Memory per idle conversation in the in-memory store, and how many a 512 MB heap holds: MemoryBench measures N
# conversations (default 20000) and extrapolates, then (unless "measure" is given) fills a real -Xmx512m heap.
#
#   bench/memory.sh [N] [measure]          KNOTWISE_JAVA_OPTS adds JVM options (e.g. -XX:+UseZGC)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_jars

count=${1:-20000}
echo "== $count idle conversations, measured (-Xmx512m)"
# shellcheck disable=SC2086 # KNOTWISE_JAVA_OPTS holds several options
java -Xmx512m ${KNOTWISE_JAVA_OPTS:-} -cp "$BENCH_JAR" io.knotwise.bench.MemoryBench "$count"
if [[ ${2:-} != measure ]]; then
    echo "== cross-check: filling a -Xmx512m heap until 95% of it is live"
    # shellcheck disable=SC2086
    java -Xmx512m ${KNOTWISE_JAVA_OPTS:-} -cp "$BENCH_JAR" io.knotwise.bench.MemoryBench fill | tail -3
fi
