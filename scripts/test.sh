#!/usr/bin/env bash
# `npm test`: the whole suite, self-sufficient like `npm run demo`. Brings up PostgreSQL and Redis,
# makes sure Debian's Chromium is there for Playwright, then runs every step even after a failure,
# so one run shows everything that is broken.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[test] %s\n' "$*"; }
die() { printf '[test] %s\n' "$*" >&2; exit 1; }

if [ ! -d node_modules ]; then
	say 'installing dependencies (npm ci)'
	npm ci
fi

bash scripts/services.sh

if [ ! -x /usr/bin/chromium ]; then
	if [ "$(id -u)" != 0 ]; then
		die 'Chromium is missing. Run as root: apt-get update && apt-get install -y chromium'
	fi
	say 'installing chromium with apt-get'
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	apt-get install -y -qq chromium >/dev/null
fi

npx svelte-kit sync

passed=()
failed=()
step() {
	local name=$1
	shift
	say "── $name: $*"
	local started=$SECONDS
	if "$@"; then
		passed+=("$name")
		say "── $name passed in $((SECONDS - started)) s"
	else
		failed+=("$name")
		say "── $name FAILED after $((SECONDS - started)) s"
	fi
}

step unit npx vitest run --project unit
# Built before the integration tests, which run the production server over build/.
step build npm run build
step integration npx vitest run --project integration
if [[ " ${failed[*]} " == *' build '* ]]; then
	say '── e2e skipped: the build failed'
	failed+=(e2e)
else
	step e2e npx playwright test
fi

say "steps: ${#passed[@]} passed, ${#failed[@]} failed${failed[*]:+ (${failed[*]})}"
[ "${#failed[@]}" -eq 0 ]
