#!/usr/bin/env bash
# The HTTP load of bench/http.sh against two Knotwise instances sharing one Redis: starts Debian's redis-server on a
# free loopback port (no persistence) and two instances on it, then splits the connections between them.
#
#   bench/redis.sh [http.sh options]      e.g. bench/redis.sh -d 30s -w 60s
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }

work=$(mktemp -d)
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
redis_pid=$!
trap 'stop_servers; kill "$redis_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
ensure_jars
urls=()
for k in 1 2; do
    BENCH_STORE=redis://127.0.0.1:$redis_port start_knotwise "$work/knotwise-$k.log"
    urls+=("$KNOTWISE_URL")
done
bench/http.sh "$@" "${urls[@]}"
