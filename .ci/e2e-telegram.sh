#!/usr/bin/env bash
# Knotwise's Telegram channel driven by a real third-party client: the telegram-test-api Bot API emulator (npm,
# pinned in src/test/e2e/telegram/package.json) pushes webhooks to the built guide and takes its sendMessage and
# answerCallbackQuery calls; src/test/e2e/telegram/drive.js walks a technique by button presses and checks an
# emergency. Needs target/knotwise.jar (built by `mvn verify`), node and npm. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

work=$(mktemp -d)
trap 'stop_servers; rm -rf "$work"' EXIT
cp src/test/e2e/telegram/package.json src/test/e2e/telegram/package-lock.json src/test/e2e/telegram/drive.js "$work"
(cd "$work" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

emulator=$(free_port)
port=$(free_port)
KNOTWISE_HOST=127.0.0.1 KNOTWISE_PORT=$port KNOTWISE_STORE=memory \
    KNOTWISE_TELEGRAM_BOT_TOKEN=123456:e2e-ci-token KNOTWISE_TELEGRAM_SECRET_TOKEN=e2e-secret \
    KNOTWISE_TELEGRAM_API_BASE=http://127.0.0.1:$emulator \
    java -jar "$KNOTWISE_JAR" >"$work/knotwise.log" 2>&1 &
SERVER_PIDS+=($!)
if ! (cd "$work" && node drive.js "$emulator" "http://127.0.0.1:$port" 123456:e2e-ci-token e2e-secret); then
    echo "--- the guide's log:" >&2
    tail -30 "$work/knotwise.log" >&2
    exit 1
fi
