#!/usr/bin/env bash
# The in-process JMH benchmarks (src/bench/java): one conversation turn by message kind (TurnBenchmark) and
# /api/v1/parse (ParseBenchmark); prints the median and p99 of each in microseconds.
#
#   bench/jmh.sh [JMH options and benchmark names]    e.g. bench/jmh.sh TurnBenchmark -wi 1 -i 2 -p kind=any,next
#
# One fork, and the iterations of the annotations (3 x 2 s warm-up, 5 x 2 s measured) unless told otherwise. The
# full JMH output goes to target/bench/jmh.txt, the results to target/bench/jmh.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_jars

java -cp "$BENCH_JAR" org.openjdk.jmh.Main -f 1 -rf json -rff target/bench/jmh.json "$@" >target/bench/jmh.txt 2>&1 \
    || { tail -40 target/bench/jmh.txt >&2; exit 1; }
# JMH exits 0 when a benchmark throws; no result is a failure.
if [[ $(jq length target/bench/jmh.json) -eq 0 ]]; then
    grep -m1 -A5 Exception target/bench/jmh.txt >&2
    echo "no benchmark finished: see target/bench/jmh.txt" >&2
    exit 1
fi
printf '| benchmark | parameter | samples | p50 us | p99 us |\n|---|---|---|---|---|\n'
jq -r '.[] | .primaryMetric as $m | "| \(.benchmark | split(".") | .[-2]) | \(.params.kind // .params.text) | \(
        [$m.rawDataHistogram[][][][1]] | add) | \($m.scorePercentiles["50.0"] * 10 | round / 10) | \(
        $m.scorePercentiles["99.0"] * 10 | round / 10) |"' target/bench/jmh.json
