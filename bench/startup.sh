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

# pause SECONDS: sleeps in bash itself (a read that times out on a pipe nobody writes to).
exec {never}<> <(:)
pause() {
    read -rt "$1" -u "$never" || true
}
# status_of_greeting URL: the HTTP status of POST URL (a new conversation), 000 when nothing answered.
status_of_greeting() {
    curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$1" || true
}
# alive RUN: fails with the server's log if it has stopped.
alive() {
    if ! kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null; then
        cat "$work/knotwise-$1.log" >&2
        exit 1
    fi
}

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
    # Waits for the port with bash's own /dev/tcp and pause, which start no process: a curl process costs about
    # 20 ms of CPU, so trying one every 20 ms took half a core from the JVM starting up on 2 cores.
    until { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; do
        alive "$run"
        pause 0.005
    done
    exec 3>&-
    until [[ $(status_of_greeting "$url") == 2?? ]]; do
        alive "$run"
        pause 0.02
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
