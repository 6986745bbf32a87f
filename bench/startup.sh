#!/usr/bin/env bash
# Start-up time to the first answered request: launches `java -jar target/knotwise.jar` and polls until
# POST /api/v1/conversations answers 2xx (the greeting, answered while the models still load), then sends that
# conversation its first message (which waits for the models and the red-flag screen), RUNS times (default 5);
# prints each pair of times and their medians in ms.
#
#   bench/startup.sh [RUNS]
#
# The store is the default embedded SQLite one in a fresh empty file (set KNOTWISE_STORE=memory to time the
# in-memory store); KNOTWISE_JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

runs=${1:-5}
work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars

times=()
firsts=()
for run in $(seq 1 "$runs"); do
    port=$(free_port)
    url=http://127.0.0.1:$port/api/v1/conversations
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    KNOTWISE_HOST=127.0.0.1 KNOTWISE_PORT=$port \
        KNOTWISE_STORE=${KNOTWISE_STORE:-sqlite:$work/knotwise-$run.db} \
        java ${KNOTWISE_JAVA_OPTS-$README_JAVA_OPTS} -jar "$KNOTWISE_JAR" >"$work/knotwise-$run.log" 2>&1 &
    SERVER_PIDS+=($!)
    # Polls every 20 ms: a tighter loop of curl processes would take CPU from the JVM starting up.
    until [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$url" || true) == 2?? ]]; do
        if ! kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null; then
            cat "$work/knotwise-$run.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    ms=$((($(date +%s%N) - start) / 1000000))
    times+=("$ms")
    id=$(curl -s -X POST -H 'Content-Type: application/json' -d '{}' "$url" | jq -r .conversation_id)
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"text":"my upper back is stiff"}' \
        "$url/$id/messages"
    first=$((($(date +%s%N) - start) / 1000000))
    firsts+=("$first")
    echo "run $run: greeting $ms ms, first message $first ms"
    stop_servers
done
median() {
    printf '%s\n' "$@" | sort -n \
        | awk '{ t[NR] = $1 } END { print (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) }'
}
echo "start-up to the first answered POST /api/v1/conversations: median $(median "${times[@]}") ms of $runs runs" \
    "(target < 2000 ms)"
echo "start-up to the first answered message (models loaded, screened): median $(median "${firsts[@]}") ms"
