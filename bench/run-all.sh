#!/usr/bin/env bash
# Builds both jars and runs every benchmark of docs/BENCHMARKS.md, printing the machine and the numbers.
#
#   bench/run-all.sh           the full run (about 30 minutes), for the numbers of docs/BENCHMARKS.md
#   bench/run-all.sh --quick   short runs (about 3 minutes) that only show the scripts work
#
# Needs JDK 17, Maven, wrk, curl, jq and redis-server; uses loopback only. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

for tool in java mvn wrk curl jq redis-server; do
    command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
jmh=() wrk=(-d 30s -w 60s) memory=(20000) runs=5
if [[ ${1:-} == --quick ]]; then
    jmh=(-wi 1 -w 1 -i 1 -r 2) wrk=(-d 5s -w 3s) memory=(5000 measure) runs=3
fi

echo "== machine"
print_machine
echo "== build"
build -DskipTests package
build -Pbench -DskipTests package
echo "== 1. JMH, in-process: a turn by message kind, and /api/v1/parse"
bench/jmh.sh TurnBenchmark ParseBenchmark "${jmh[@]}"
echo "== 2. HTTP load, 64 connections: conversations vs the bare Javalin ceiling (in-memory store)"
bench/http.sh "${wrk[@]}"
echo "== 2b. the same with ZGC (-XX:+UseZGC, the collector docs/BENCHMARKS.md suggests for short pauses)"
KNOTWISE_JAVA_OPTS=-XX:+UseZGC bench/http.sh "${wrk[@]}"
echo "== 2c. the same with the embedded default store (SQLite)"
BENCH_STORE=sqlite:$(mktemp -d)/knotwise.db bench/http.sh "${wrk[@]}"
echo "== 3. memory per idle conversation"
bench/memory.sh "${memory[@]}"
echo "== 3b. the same with ZGC (no compressed pointers on JDK 17)"
KNOTWISE_JAVA_OPTS=-XX:+UseZGC bench/memory.sh "${memory[0]}" measure
echo "== 4. start-up to the first answered request"
bench/startup.sh "$runs"
echo "== 5. the HTTP load against two instances sharing Redis"
bench/redis.sh "${wrk[@]}"
