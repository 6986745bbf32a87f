#!/usr/bin/env bash
# The ratios of issue 17, each measured ROUNDS times with wrk and reported as the median, Knotwise started exactly
# as the README's quick start runs it (its JVM options, the default store in a fresh file):
#   1. whole conversations (bench/conversations.tsv) on the default store (SQLite) / the same on the memory store;
#   2. /api/v1/parse (bench/parse.tsv) / the bare Javalin server parsing the body and answering a parse-shaped JSON;
#   3. the p99 of /api/v1/parse at the given connections.
#
#   bench/ratios.sh [-r 3] [-w 60s] [-d 20s] [-c 64] [-t 2]
#
# A minute of warm-up, as issue 17 measures: on 2 cores the guide reaches its pace only after 60 to 75 s of load.
#
# Prints one table row per round and the medians; fails if any response was not 2xx.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rounds=3 warmup=60s duration=20s connections=64 threads=2
while getopts "r:w:d:c:t:" opt; do
    case $opt in
        r) rounds=$OPTARG ;;
        w) warmup=$OPTARG ;;
        d) duration=$OPTARG ;;
        c) connections=$OPTARG ;;
        t) threads=$OPTARG ;;
        *) sed -n '2,12p' "$0" >&2; exit 2 ;;
    esac
done
SLOTS=256  # users per wrk thread, as in bench/conversation.lua

readme_command="java ${README_JAVA_OPTS:+$README_JAVA_OPTS }-jar target/knotwise.jar"
if ! grep -qF -- "&& $readme_command" README.md; then
    echo "the README's quick start no longer runs '$readme_command': update README_JAVA_OPTS in bench/lib.sh" >&2
    exit 1
fi
export KNOTWISE_JAVA_OPTS=${KNOTWISE_JAVA_OPTS:-$README_JAVA_OPTS}
work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars

field() {  # field NAME FILE: a value of the RESULT line
    grep '^RESULT' "$2" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2
}

failures=0
# wrk_run NAME URL MODE ARGS...: warms up, then measures into $work/NAME.out.
wrk_run() {
    local name=$1 url=$2
    shift 2
    wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/conversation.lua "$url" -- "$@" >/dev/null
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/conversation.lua "$url" -- "$@" \
        >"$work/$name.out"
    failures=$((failures + $(field non2xx "$work/$name.out") + $(field socket_errors "$work/$name.out")))
}

# conversations NAME URL: the whole-conversation mix, on conversations created through URL.
conversations() {
    local name=$1 url=$2
    curl -s -X POST -H 'Content-Type: application/json' -d '{}' "$url/api/v1/conversations?[1-$((threads * SLOTS))]" \
        | grep -o '"conversation_id":"[^"]*"' | cut -d'"' -f4 >"$work/ids"
    wrk_run "$name" "$url" conversations bench/conversations.tsv "$work/ids" "$name"
}

stop_last() {
    kill "${SERVER_PIDS[-1]}" && wait "${SERVER_PIDS[-1]}" 2>/dev/null || true
    unset 'SERVER_PIDS[-1]'
}

echo "JVM options: ${KNOTWISE_JAVA_OPTS:-none, as in the README}; $rounds rounds of ${warmup} warm-up + ${duration} measured each"
printf '\n| round | memory store rps | default store rps | ratio | parse rps | bare parse rps | ratio | parse p99 ms |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for round in $(seq "$rounds"); do
    BENCH_STORE=memory start_knotwise "$work/memory.log"
    conversations memory "$KNOTWISE_URL"
    stop_last
    rm -f "$work"/knotwise.db*
    BENCH_STORE=sqlite:$work/knotwise.db start_knotwise "$work/sqlite.log"
    conversations sqlite "$KNOTWISE_URL"
    wrk_run parse "$KNOTWISE_URL" parse bench/parse.tsv parse
    stop_last
    start_bare "$work/bare.log"
    wrk_run bare-parse "$BARE_URL" parse bench/parse.tsv bare-parse
    stop_last
    memory=$(field rps "$work/memory.out") sqlite=$(field rps "$work/sqlite.out")
    parse=$(field rps "$work/parse.out") bare=$(field rps "$work/bare-parse.out")
    p99=$(field p99_ms "$work/parse.out")
    stores=$(awk -v a="$sqlite" -v b="$memory" 'BEGIN { printf "%.2f", a / b }')
    parses=$(awk -v a="$parse" -v b="$bare" 'BEGIN { printf "%.2f", a / b }')
    printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$memory" "$sqlite" "$stores" "$parse" "$bare" \
        "$parses" "$p99"
    echo "$stores $parses $p99" >>"$work/rows"
done
median() {  # median COLUMN: of the rounds' rows
    cut -d' ' -f"$1" "$work/rows" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
echo "medians: default store / memory store $(median 1) (target >= 0.7); parse / bare parse $(median 2)" \
    "(target >= 0.5); parse p99 $(median 3) ms (target < 20)"
if ((failures > 0)); then
    echo "FAILED: $failures non-2xx responses or socket errors" >&2
    exit 1
fi
