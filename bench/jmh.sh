#!/usr/bin/env bash
# The in-process JMH benchmarks (src/bench/java): one conversation turn by message kind (TurnBenchmark),
# /api/v1/parse (ParseBenchmark), the red-flag screen alone (ScreenBenchmark) and a batch of turns at message 5 and
# at message 500 (LongConversationBenchmark); prints the median and p99 of each.
#
#   bench/jmh.sh [JMH options and benchmark names]    e.g. bench/jmh.sh TurnBenchmark -wi 1 -i 2 -p kind=any,next
#
# The forks and iterations of each benchmark's annotations unless told otherwise (one fork; three for
# LongConversationBenchmark, whose forks differ by up to half on two cores). The full JMH output goes to
# target/bench/jmh.txt, the results to target/bench/jmh.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
ensure_jars

java -cp "$BENCH_JAR" org.openjdk.jmh.Main -rf json -rff target/bench/jmh.json "$@" >target/bench/jmh.txt 2>&1 \
    || { tail -40 target/bench/jmh.txt >&2; exit 1; }
# JMH exits 0 when a benchmark throws; no result is a failure.
if [[ $(jq length target/bench/jmh.json) -eq 0 ]]; then
    grep -m1 -A5 Exception target/bench/jmh.txt >&2
    echo "no benchmark finished: see target/bench/jmh.txt" >&2
    exit 1
fi
printf '| benchmark | parameters | samples | p50 | p99 | unit |\n|---|---|---|---|---|---|\n'
jq -r '.[] | .primaryMetric as $m | "| \(.benchmark | split(".") | .[-2]) | \(.params // {} | to_entries
        | map("\(.key)=\(.value)") | join(" ")) | \(if $m.rawDataHistogram then [$m.rawDataHistogram[][][][1]] | add
        else $m.rawData | flatten | length end) | \($m.scorePercentiles["50.0"] * 10 | round / 10) | \(
        $m.scorePercentiles["99.0"] * 10 | round / 10) | \($m.scoreUnit) |"' target/bench/jmh.json
