#!/usr/bin/env bash
# HTTP load with wrk: a realistic mix of whole conversations (bench/conversations.tsv, with /api/v1/parse calls)
# against Knotwise, then the same wrk against a bare Javalin endpoint (the ceiling on this machine), in one run;
# prints throughput, p50/p99 and the ratio, and fails if any response was not 2xx or any socket error happened.
#
#   bench/http.sh [-d 30s] [-w 60s] [-c 64] [-t 2] [URL ...]
#
# With no URL it starts the guide (in-memory store) itself. With URLs (instances that share a store, e.g. Redis)
# the connections and threads are split between them, one wrk each, in parallel, and throughputs are summed;
# conversations for instance k are pre-created through instance k+1, so they only work if the store is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

# The warm-up is long because on 2 cores the JIT competes with the load: after 10 s it was still compiling, and the
# same build measured 5,800 requests/s instead of the 15,000 or more it settles at within a minute.
duration=30s warmup=60s connections=64 threads=2
while getopts "d:w:c:t:" opt; do
    case $opt in
        d) duration=$OPTARG ;;
        w) warmup=$OPTARG ;;
        c) connections=$OPTARG ;;
        t) threads=$OPTARG ;;
        *) sed -n '2,11p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
SLOTS=256  # users per wrk thread, as in bench/conversation.lua

work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars
urls=("$@")
if [[ ${#urls[@]} -eq 0 ]]; then
    start_knotwise "$work/knotwise.log"
    urls=("$KNOTWISE_URL")
fi
start_bare "$work/bare.log"
n=${#urls[@]}
per_c=$((connections / n)) per_t=$(( threads / n > 0 ? threads / n : 1 ))

# Pre-creates the conversations of one wrk run (one curl, kept alive; the ?[1-N] glob repeats the request).
precreate() {
    local url=$1 count=$2 file=$3
    curl -s -X POST -H 'Content-Type: application/json' -d '{}' "$url/api/v1/conversations?[1-$count]" \
        | grep -o '"conversation_id":"[^"]*"' | cut -d'"' -f4 >"$file"
}

# Runs wrk on every instance at once, with the given duration; leaves the outputs in $work/wrk-<phase>-<k>.out.
load_knotwise() {
    local phase=$1 time=$2 k pids=()
    for k in "${!urls[@]}"; do
        precreate "${urls[$(((k + 1) % n))]}" $((per_t * SLOTS)) "$work/ids-$k"
        wrk -t"$per_t" -c"$per_c" -d"$time" --latency -s bench/conversation.lua "${urls[$k]}" \
            -- conversations bench/conversations.tsv "$work/ids-$k" "knotwise-$k" >"$work/wrk-$phase-$k.out" &
        pids+=($!)
    done
    for k in "${pids[@]}"; do
        wait "$k"
    done
}

field() {  # field NAME FILE: a value of the RESULT line
    grep '^RESULT' "$2" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2
}

echo "warming up Knotwise for $warmup, then measuring for $duration at $connections connections over $n instance(s)"
load_knotwise warmup "$warmup"
load_knotwise run "$duration"
echo "warming up the bare server for $warmup, then measuring for $duration"
wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/conversation.lua "$BARE_URL" -- bare bare >/dev/null
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/conversation.lua "$BARE_URL" -- bare bare \
    >"$work/wrk-bare.out"

for k in "${!urls[@]}"; do
    grep -E '^(non-2xx|mix):' "$work/wrk-run-$k.out" | sed "s/^/instance $k /" || true
done
printf '\n| target | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors |\n'
printf '|---|---|---|---|---|---|---|\n'
total=0 failures=0 worst_p99=0
for k in "${!urls[@]}"; do
    out=$work/wrk-run-$k.out
    printf '| Knotwise %s | %d | %s | %s | %s | %s | %s |\n' "${urls[$k]}" "$per_c" "$(field rps "$out")" \
        "$(field p50_ms "$out")" "$(field p99_ms "$out")" "$(field non2xx "$out")" "$(field socket_errors "$out")"
    total=$((total + $(field rps "$out")))
    failures=$((failures + $(field non2xx "$out") + $(field socket_errors "$out")))
    worst_p99=$(awk -v a="$worst_p99" -v b="$(field p99_ms "$out")" 'BEGIN { print (b > a ? b : a) }')
done
out=$work/wrk-bare.out
printf '| bare Javalin (ceiling) | %d | %s | %s | %s | %s | %s |\n' "$connections" "$(field rps "$out")" \
    "$(field p50_ms "$out")" "$(field p99_ms "$out")" "$(field non2xx "$out")" "$(field socket_errors "$out")"
failures=$((failures + $(field non2xx "$out") + $(field socket_errors "$out")))
ratio=$(awk -v k="$total" -v b="$(field rps "$out")" 'BEGIN { printf "%.0f", 100 * k / b }')
echo
echo "Knotwise: $total requests/s = $ratio% of the ceiling (target >= 50%); p99 $worst_p99 ms (target < 20 ms)"
if ((failures > 0)); then
    echo "FAILED: $failures non-2xx responses or socket errors (see above)" >&2
    exit 1
fi
