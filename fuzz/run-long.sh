#!/usr/bin/env bash
# Runs every fuzz target in fuzzing mode (Jazzer, JAZZER_FUZZ=1), one after the other, for the same time each, and
# prints per target: executions, executions per second, corpus size and crashes found.
#
#   fuzz/run-long.sh            10 minutes per target (the documented long run)
#   fuzz/run-long.sh 60s        any duration Jazzer takes: 30s, 2m, 1h
#   fuzz/run-long.sh 2m Slack   only the targets whose name contains "Slack"
#
# Crashing inputs land in src/test/resources/<package>/<Class>Inputs/<method>/ (commit them: `mvn verify` then runs
# them as regression tests); the growing corpus in .cifuzz-corpus/ (not committed, reused by the next run). Logs go
# to target/fuzz/. Exits non-zero when a target crashed or failed to run.
set -uo pipefail
cd "$(dirname "$0")/.."

duration="${1:-10m}"
filter="${2:-}"
# Distinct findings a target may collect before it stops early (Jazzer's keep_going).
export JAZZER_KEEP_GOING="${JAZZER_KEEP_GOING:-10}"
export JAZZER_FUZZ=1
# Our classes and OpenNLP, which reads every message, get coverage instrumentation.
export JAZZER_INSTRUMENT="${JAZZER_INSTRUMENT:-io.knotwise.**,opennlp.**}"
export JAZZER_MAX_DURATION="$duration"

targets=(
    io.knotwise.channel.http.ParseFuzzTest#anyBytesAsTheBodyGetAContractAnswer
    io.knotwise.channel.http.ParseFuzzTest#anyTextInAJsonBodyGetsAContractAnswer
    io.knotwise.engine.ConversationFuzzTest#anySequenceOfMessagesLeavesAWholeConversation
    io.knotwise.content.ContentLoaderFuzzTest#aBrokenFileLoadsOrIsRefusedByName
    io.knotwise.channel.telegram.TelegramFuzzTest#anyUpdateGetsAContractAnswerAndLogsNoError
    io.knotwise.channel.slack.SlackFuzzTest#anyEventGetsAContractAnswerAndLogsNoError
    io.knotwise.channel.slack.SlackFuzzTest#anyInteractionGetsAContractAnswerAndLogsNoError
    io.knotwise.channel.rasa.RasaRestFuzzTest#anyBodyGetsAContractAnswer
)

mkdir -p target/fuzz
mvn -q -DskipTests test-compile || exit 1

status=0
rows=()
for target in "${targets[@]}"; do
    [[ -n "$filter" && "$target" != *"$filter"* ]] && continue
    class="${target%#*}"
    method="${target#*#}"
    simple="${class##*.}"
    inputs="src/test/resources/$(tr . / <<<"${class%.*}")/${simple}Inputs/$method"
    corpus=".cifuzz-corpus/$class/$method"
    log="target/fuzz/$simple.$method.log"
    # Jazzer writes findings into the inputs directory only when it exists.
    mkdir -p "$inputs"
    marker="$(mktemp)"
    echo "== $simple#$method for $duration (log: $log)"
    start=$(date +%s)
    mvn -q test -Dtest="$simple#$method" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
    result=$?
    seconds=$(( $(date +%s) - start ))
    # libFuzzer's last status line: "#<executions> DONE cov: .. corp: <size>/<bytes>b .. exec/s: <rate> ..".
    last="$(grep -aE '^#[0-9]+[[:space:]]' "$log" | tail -1)"
    runs="$(grep -aoE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)"
    executions="$(awk '{print $2}' <<<"$runs")"
    fuzz_seconds="$(awk '{print $5}' <<<"$runs")"
    [[ -z "$executions" ]] && executions="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$last")"
    rate="$(grep -oE 'exec/s: [0-9]+' <<<"$last" | awk '{print $2}')"
    if [[ -n "$executions" && -n "$fuzz_seconds" && "$fuzz_seconds" -gt 0 ]]; then
        rate="$(( executions / fuzz_seconds ))"
    fi
    corpus_size="$(find "$corpus" -type f 2>/dev/null | wc -l)"
    crashes="$(find "$inputs" -type f -name 'crash-*' -newer "$marker" 2>/dev/null | wc -l)"
    rm -f "$marker"
    outcome="ok"
    if [[ "$crashes" -gt 0 ]]; then
        outcome="CRASHED"
        status=1
    elif [[ "$result" -ne 0 ]]; then
        outcome="FAILED (see log)"
        status=1
    fi
    rows+=("$(printf '%-16s %-50s %12s %8s %8s %8s %5ss  %s' "$simple" "$method" "${executions:-?}" "${rate:-?}" \
        "$corpus_size" "$crashes" "$seconds" "$outcome")")
done

echo
printf '%-16s %-50s %12s %8s %8s %8s %6s  %s\n' class method executions exec/s corpus crashes wall result
for row in "${rows[@]}"; do
    echo "$row"
done
exit "$status"
