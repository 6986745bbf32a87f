#!/usr/bin/env bash
# Where the CPU, the allocation or the lock waiting goes under the HTTP load of bench/http.sh: async-profiler
# (tools.profiler:async-profiler from Maven Central) attached to a warmed-up guide for a measured window.
#
#   bench/profile.sh [cpu|alloc|lock] [-w 60s] [-d 20s] [-p]
#
# -p profiles /api/v1/parse (bench/parse.tsv) instead of whole conversations.
#
# Writes target/profile-EVENT.html (a flame graph) and target/profile-EVENT.collapsed (one stack a line), and prints
# the share of the samples under the main parts. BENCH_STORE and KNOTWISE_JAVA_OPTS work as in bench/http.sh.
# Warm up for a minute: on 2 cores the JIT is still compiling after 10 s. Linux x86-64 only.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

event=${1:-cpu}
[[ $event =~ ^(cpu|alloc|lock)$ ]] || { sed -n '2,11p' "$0" >&2; exit 2; }
shift || true
warmup=60s duration=20s parse=false
while getopts "w:d:p" opt; do
    case $opt in
        w) warmup=$OPTARG ;;
        d) duration=$OPTARG ;;
        p) parse=true ;;
        *) sed -n '2,11p' "$0" >&2; exit 2 ;;
    esac
done

PROFILER_VERSION=4.2
profiler=target/async-profiler/linux-x64/libasyncProfiler.so
if [[ ! -f $profiler ]]; then
    build dependency:copy -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION \
        -DoutputDirectory=target/async-profiler
    (cd target/async-profiler && unzip -q -o "async-profiler-$PROFILER_VERSION.jar" 'linux-x64/*')
fi
profiler=$(realpath "$profiler")

work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars
start_knotwise "$work/knotwise.log"
pid=${SERVER_PIDS[0]}
load() {  # load DURATION [wrk options]: the conversations of bench/http.sh (or parses, -p) on 64 connections
    local time=$1
    shift
    if $parse; then
        wrk -t2 -c64 -d"$time" "$@" -s bench/conversation.lua "$KNOTWISE_URL" -- parse bench/parse.tsv \
            | grep '^RESULT' || true
        return
    fi
    curl -s -X POST -H 'Content-Type: application/json' -d '{}' "$KNOTWISE_URL/api/v1/conversations?[1-512]" \
        | grep -o '"conversation_id":"[^"]*"' | cut -d'"' -f4 >"$work/ids"
    wrk -t2 -c64 -d"$time" "$@" -s bench/conversation.lua "$KNOTWISE_URL" \
        -- conversations bench/conversations.tsv "$work/ids" knotwise | grep '^RESULT' || true
}
attach() {
    java -cp "$BENCH_JAR" io.knotwise.bench.AttachProfiler "$pid" "$profiler" "$1"
}

echo "warming up for $warmup, then profiling $event for $duration"
load "$warmup" >/dev/null
case $event in  # a CPU sample every ms, an allocation sample every 512 KB, every lock wait over 10 µs
    cpu) interval=1ms ;;
    alloc) interval=512k ;;
    lock) interval=10us ;;
esac
attach "start,event=$event,interval=$interval"
load "$duration" --latency | tee "$work/result"
requests=$(grep -o 'requests=[0-9]*' "$work/result" | cut -d= -f2)
out=$(realpath target)/profile-$event
attach "dump,file=$out.html,flamegraph,total"
attach "stop,file=$out.collapsed,collapsed,total"

echo
echo "share of the $event samples (a stack counts under every part it passes through):"
awk -v event="$event" -v requests="${requests:-0}" '
    BEGIN {
        n = split("io/knotwise/channel/http/HttpApi|Engine.handle|RedFlagDetector.screen|MessageParser.parse|" \
                  "Json.object|Json.respond|SqliteConversationStore|RedisConversationStore|SocketChannelEndPoint|" \
                  "C2Compiler|G1", parts, "|")
    }
    {
        count = $NF
        total += count
        for (i = 1; i <= n; i++) {
            if (index($0, parts[i]) > 0) {
                under[i] += count
            }
        }
    }
    END {
        if (total == 0) {
            print "no samples"
            exit 1
        }
        for (i = 1; i <= n; i++) {
            printf "%6.1f%%  %s\n", 100 * under[i] / total, parts[i]
        }
        printf "total: %.0f %s", total, event == "alloc" ? "bytes (sampled)" : event == "cpu" ? "ns of CPU" : "ns waited"
        if (requests > 0 && event != "lock") {
            printf ", %.0f %s per request", event == "cpu" ? total / requests / 1000 : total / requests,
                event == "cpu" ? "µs" : "bytes"
        }
        printf "\n"
    }' "$out.collapsed"
echo "flame graph: $out.html; stacks: $out.collapsed"
