#!/usr/bin/env bash
# Soak: DURATION (default 10m) of mixed load against one guide: whole conversations (bench/conversation.lua, 8
# connections), bad or hostile requests (bench/abuse.lua, 4 connections: malformed bodies, made-up methods, ...) and
# 30 slow clients trickling bodies from another loopback address (bench/slow-clients.py) at the same time, while a
# bystander asks for /health every 2 s and records how long it waits. Every minute it
# forces a full GC in the server and records the heap still in use; at the end it prints the requests, the
# server errors (5xx, which must be 0), ERROR lines in the server's log, and the heap after GC from the first
# minute to the end of the load, and once more when every conversation has gone idle (which must come back down to
# about the first minute's: nothing leaks).
#
#   bench/soak.sh [DURATION]      e.g. bench/soak.sh 10m, bench/soak.sh 90s
#
# The server uses the embedded SQLite store in a temporary file, conversations idle for one minute are forgotten
# (so a steady state exists), and rate limits are off (all the load comes from one address).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

duration=${1:-10m}
seconds=$(( $(sed -E 's/^([0-9]+)m$/\1*60/; s/^([0-9]+)s$/\1/' <<<"$duration") ))
work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
ensure_jars
print_machine

port=$(free_port)
KNOTWISE_HOST=127.0.0.1 KNOTWISE_PORT=$port KNOTWISE_STORE="sqlite:$work/knotwise.db" \
    KNOTWISE_CONVERSATION_IDLE_MINUTES=1 KNOTWISE_RATE_LIMIT_PER_MINUTE=0 \
    KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE=0 KNOTWISE_CONNECTIONS_PER_ADDRESS=100000 KNOTWISE_REST_CHANNEL=true \
    java -Xmx512m -jar "$KNOTWISE_JAR" >"$work/server.log" 2>&1 &
pid=$!
SERVER_PIDS+=("$pid")
url=http://127.0.0.1:$port
wait_for "$url/health"
: >"$work/ids"

heap_after_gc() {  # KB of heap in use right after a full GC
    jcmd "$pid" GC.run >/dev/null
    jstat -gc "$pid" | awk 'NR == 2 { printf "%.0f", $3 + $4 + $6 + $8 }'
}

metrics_before=$(curl -s "$url/metrics" | grep -vc '^#')
echo "soaking $url for $duration ($seconds s): conversations on 8 connections, abuse on 4, 30 slow clients"
python3 bench/slow-clients.py "$port" 30 "$seconds" >"$work/slow.out" 2>&1 &
slow=$!
( end=$((SECONDS + seconds)); while ((SECONDS < end)); do
      curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}\n' "$url/health" || echo "000 10"; sleep 2
  done >"$work/bystander.out" ) &
bystander=$!
wrk -t1 -c8 -d"${seconds}s" --timeout 10s -s bench/conversation.lua "$url" \
    -- conversations bench/conversations.tsv "$work/ids" soak >"$work/good.out" 2>&1 &
good=$!
wrk -t1 -c4 -d"${seconds}s" --timeout 10s -s bench/abuse.lua "$url" >"$work/bad.out" 2>&1 &
bad=$!

heaps=()
for ((elapsed = 60; elapsed <= seconds; elapsed += 60)); do
    sleep 60
    heaps+=("$(heap_after_gc)")
    echo "minute $((elapsed / 60)): heap after GC ${heaps[-1]} KB"
done
wait "$good" "$bad" "$slow" "$bystander"
if ((${#heaps[@]} == 0)); then
    heaps+=("$(heap_after_gc)")
fi
final=$(heap_after_gc)
echo "load over: heap after GC $final KB; waiting 75 s for the last conversations to go idle"
sleep 75
curl -s -o /dev/null "$url/health" || true
rested=$(heap_after_gc)
healthy=$(curl -s -o /dev/null -w '%{http_code}' "$url/health")

grep -E '^(RESULT|non-2xx|5xx)' "$work/good.out" "$work/bad.out" | sed 's/^[^:]*://'
cat "$work/slow.out"
bystander_worst=$(sort -k2 -g "$work/bystander.out" | tail -1 | awk '{print $2}')
bystander_failed=$(grep -vc '^200 ' "$work/bystander.out" || true)
metrics_after=$(curl -s "$url/metrics" | grep -vc '^#')
echo "bystander: $(wc -l <"$work/bystander.out") probes of /health, $bystander_failed not 200, slowest ${bystander_worst} s"
echo "metric samples: $metrics_before before the load, $metrics_after after"
errors_logged=$(grep -c '"level":"ERROR"' "$work/server.log" || true)
server_errors=$(grep -ho 'server_errors=[0-9]*' "$work/bad.out" | cut -d= -f2)
good_failures=$(grep -ho 'non2xx=[0-9]*' "$work/good.out" | cut -d= -f2)
fivexx_good=$(grep -c '^non-2xx: 5' "$work/good.out" || true)
echo
echo "| duration | server errors (5xx) | conversation requests not 2xx | ERROR log lines | heap after GC: first minute, end of load, idle after | bystander /health: failed, slowest | health at end |"
echo "|---|---|---|---|---|---|---|"
echo "| $duration | $((server_errors + fivexx_good)) | $good_failures | $errors_logged | ${heaps[0]} KB, $final KB, $rested KB | $bystander_failed, $bystander_worst s | $healthy |"
if ((server_errors + fivexx_good > 0 || errors_logged > 0 || bystander_failed > 0)) || [[ $healthy != 200 ]]; then
    echo "FAILED: server errors, logged errors, a bystander not answered or an unhealthy server" >&2
    exit 1
fi
