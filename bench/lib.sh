# Shared by the bench/*.sh scripts (sourced, not run): free loopback ports, starting servers, waiting for them.
# Every server started here is recorded in SERVER_PIDS and stopped by stop_servers (scripts trap it on EXIT).

SERVER_PIDS=()
KNOTWISE_JAR=target/knotwise.jar
# The JVM options of the README's quick start (bench/ratios.sh checks that the README still says so).
README_JAVA_OPTS="-XX:SharedArchiveFile=target/knotwise.jsa"
BENCH_JAR=target/bench/knotwise.jar

# Maven, quiet and without the colour codes it prints even when quiet; fails when Maven does.
build() {
    mvn -B -q "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
}

# Whether a jar is missing or older than the sources, data or build it is made from.
stale() {
    [[ ! -f $1 ]] || [[ -n $(find pom.xml src dialogs models -newer "$1" -print -quit) ]]
}

# Builds the guide's jar and the benchmark jar (JMH and the bench mains, in target/bench) unless both are current.
ensure_jars() {
    if stale "$KNOTWISE_JAR"; then
        build -DskipTests package
    fi
    if stale "$BENCH_JAR"; then
        build -Pbench -DskipTests package
    fi
}

# Prints a loopback port nobody listens on (a connection to it is refused).
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# Polls until a GET of the URL answers 2xx, for at most 60 s.
wait_for() {
    local url=$1
    for _ in $(seq 1 1200); do
        if curl -sf -o /dev/null "$url"; then
            return 0
        fi
        sleep 0.05
    done
    echo "no answer from $url after 60 s" >&2
    return 1
}

# Starts the guide on a free port, logging to $1; sets KNOTWISE_URL. The store is $BENCH_STORE (default: memory;
# e.g. sqlite:/tmp/x.db or redis://127.0.0.1:6379). Rate limits and the per-address connection cap are off: all the
# load comes from one address. Load starts once /ready says so (the models loaded and the reading path warmed up), as
# a load balancer would send it.
start_knotwise() {
    local log=$1 port
    port=$(free_port)
    # shellcheck disable=SC2086 # KNOTWISE_JAVA_OPTS holds several options
    KNOTWISE_HOST=127.0.0.1 KNOTWISE_PORT=$port KNOTWISE_STORE=${BENCH_STORE:-memory} \
        KNOTWISE_RATE_LIMIT_PER_MINUTE=0 KNOTWISE_CONVERSATION_RATE_LIMIT_PER_MINUTE=0 \
        KNOTWISE_CONNECTIONS_PER_ADDRESS=100000 \
        java ${KNOTWISE_JAVA_OPTS:-} -jar "$KNOTWISE_JAR" >"$log" 2>&1 &
    SERVER_PIDS+=($!)
    KNOTWISE_URL=http://127.0.0.1:$port
    wait_for "$KNOTWISE_URL/ready"
}

# Starts the bare Javalin server (the ceiling) on a free port, logging to $1; sets BARE_URL.
start_bare() {
    local log=$1 port
    port=$(free_port)
    # shellcheck disable=SC2086
    java ${KNOTWISE_JAVA_OPTS:-} -cp "$BENCH_JAR" io.knotwise.bench.BareServer "$port" >"$log" 2>&1 &
    SERVER_PIDS+=($!)
    BARE_URL=http://127.0.0.1:$port
    wait_for "$BARE_URL/"
}

stop_servers() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
}

# The machine, for the record: cores, CPU model, RAM, JDK, wrk, and how busy it is.
print_machine() {
    echo "cores: $(nproc); CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "RAM: $(free -m | awk '/^Mem:/ { printf "%.1f GB", $2 / 1024 }'); $(uptime | sed 's/.*load/load/')"
    echo "JDK: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
    echo "wrk: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
}
