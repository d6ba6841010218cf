#!/usr/bin/env bash
# `npm run demo`: from a fresh Debian/Ubuntu machine to a running demo. Safe to run again: every
# step is idempotent. Runs the web server and the worker in the foreground; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[demo] %s\n' "$*"; }

if [ ! -d node_modules ]; then
	say 'installing dependencies (npm ci)'
	npm ci
fi

bash scripts/services.sh

# Production refuses to start without ENCRYPTION_KEY; generate one once and keep it, or data
# encrypted by an earlier run could no longer be read.
if ! grep -qs '^ENCRYPTION_KEY=.' .env; then
	key=$(openssl rand -base64 32 2>/dev/null ||
		node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64'))")
	[ -s .env ] && [ -n "$(tail -c 1 .env)" ] && echo >>.env
	printf 'ENCRYPTION_KEY=%s\n' "$key" >>.env
	chmod 600 .env
	say 'generated ENCRYPTION_KEY in .env'
fi

npm run migrate
npm run catalogue:import -- data/ndis/support-catalogue-2026-27-v1.0.csv
npm run seed -- --demo
npm run build

# Each process runs in its own process group (job control), so stopping one signals its whole tree:
# npm does not pass SIGTERM on to the server it started.
set -m
pids=()
stop_all() {
	trap - INT TERM
	say 'stopping'
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
	wait || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

npm start &
pids+=($!)
if [ -f src/jobs/worker.ts ]; then
	npm run worker &
	pids+=($!)
else
	say 'src/jobs/worker.ts does not exist yet: running without the worker'
fi

# The server takes PORT from the environment first, then from .env (src/lib/server/config.ts).
env_port=$(sed -n 's/^PORT=//p' .env | tail -n 1)
url="http://localhost:${PORT:-${env_port:-3000}}"
healthy() {
	node -e "fetch('$url/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
}
for _ in $(seq 1 60); do
	healthy && break
	kill -0 "${pids[0]}" 2>/dev/null || break
	sleep 1
done

if healthy; then
	cat <<INFO

  NDIS Provider Platform: $url

  Demo logins (password for all: demo-password-2026)
    admin@demo.test        super_admin
    coordinator@demo.test  support_coordinator
    worker@demo.test       support_worker
    allied@demo.test       allied_health

  Ctrl-C stops the web server and the worker.

INFO
else
	say "the web server is not answering on $url/healthz; see its log above"
fi

# Whichever process ends first (a crash, say) ends the demo, rather than leaving half of it running.
status=0
wait -n || status=$?
say "a process exited (status $status)"
stop_all
exit "$status"
