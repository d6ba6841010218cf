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

reports=.test-results
rm -rf "$reports" && mkdir -p "$reports"
vitest_json() { printf -- '--reporter=default --reporter=json --outputFile.json=%s/%s.json' "$reports" "$1"; }

# Types, formatting and lint with zero warnings, as the project promises.
step static bash -c 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings && npx prettier --check . && npx eslint .'
# shellcheck disable=SC2046
step unit npx vitest run --project unit $(vitest_json unit)
# Built before the integration tests, which run the production server over build/.
step build npm run build
# shellcheck disable=SC2046
step integration npx vitest run --project integration $(vitest_json integration)
if [[ " ${failed[*]} " == *' build '* ]]; then
	say '── e2e skipped: the build failed'
	failed+=(e2e)
else
	step e2e env PLAYWRIGHT_JSON_OUTPUT_FILE="$reports/e2e.json" npx playwright test --reporter=list,json
fi

say "steps: ${#passed[@]} ok, ${#failed[@]} failing${failed[*]:+ (${failed[*]})}"
node scripts/test-summary.mjs "$reports"/unit.json "$reports"/integration.json "$reports"/e2e.json
[ "${#failed[@]}" -eq 0 ]
