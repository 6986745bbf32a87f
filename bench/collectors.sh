#!/usr/bin/env bash
# G1 against ZGC on /api/v1/parse: ROUNDS rounds (default 3), each starting the guide on the default store once with
# no JVM options (G1, as the README runs it) and once with -XX:+UseZGC, warming up for 60 s and measuring for 30 s
# with wrk at 64 connections (bench/parse.tsv); prints one RESULT line per run.
#
#   bench/collectors.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rounds=${1:-3}
work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars
for round in $(seq "$rounds"); do
    for opts in "" "-XX:+UseZGC"; do
        rm -f "$work"/knotwise.db*
        KNOTWISE_JAVA_OPTS="$opts" BENCH_STORE=sqlite:$work/knotwise.db start_knotwise "$work/server.log"
        wrk -t2 -c64 -d60s -s bench/conversation.lua "$KNOTWISE_URL" -- parse bench/parse.tsv parse >/dev/null
        result=$(wrk -t2 -c64 -d30s --latency -s bench/conversation.lua "$KNOTWISE_URL" -- parse bench/parse.tsv \
            parse | grep '^RESULT')
        echo "round $round ${opts:-G1}: $result"
        kill "${SERVER_PIDS[-1]}" && wait "${SERVER_PIDS[-1]}" 2>/dev/null || true
        unset 'SERVER_PIDS[-1]'
    done
done
