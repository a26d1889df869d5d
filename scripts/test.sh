#!/usr/bin/env bash
# The one command that runs the whole test suite (the README's second command; .ci/run calls it).
#
# On a fresh machine it installs what is missing (Debian's Chromium, CJK fonts and PostgreSQL; node
# modules), starts its own PostgreSQL on a free loopback port unless TEST_DATABASE_URL is given, and runs:
# lint and format check, type checks (server and web), the migrations check, unit tests, the golden
# policy cases (tests/cases, plus ../shared/domain/cases and cases-2026 when that folder exists), the same cases
# and unit tests from a copy of the repository with no ../shared beside it, integration tests on PGlite and on
# PostgreSQL, the web build, and end-to-end journeys in Chromium. It ends with one line "N passed, M failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export TZ=Asia/Shanghai
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

# shellcheck source=scripts/lib/machine.sh
. scripts/lib/machine.sh

# ---------------------------------------------------------------- 1. what a fresh machine lacks
# PostgreSQL binaries are needed even with TEST_DATABASE_URL: the backup tests run pg_dump and pg_restore.
ensure_machine --browser --postgres

# ---------------------------------------------------------------- 2. a PostgreSQL server
TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/sme-test-XXXXXX")
export TMPDIR="$TMP_ROOT/tmp"
mkdir -p "$TMPDIR"
cleanup() {
  stop_private_pg
  rm -rf "$TMP_ROOT"
}
trap cleanup EXIT

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  start_private_pg "$TMP_ROOT/pg"
  export TEST_PG_URL="$PRIVATE_PG_URL"
else
  export TEST_PG_URL="$TEST_DATABASE_URL"
fi
unset TEST_DATABASE_URL DATABASE_URL

# ---------------------------------------------------------------- 3. the suite
REPORTS="$TMP_ROOT/reports"
mkdir -p "$REPORTS"
failures=()
step() {
  local name=$1
  shift
  log "$name"
  if ! "$@"; then failures+=("$name"); fi
}
vt() { # vitest run with a JSON report for the closing tally
  local name=$1
  shift
  npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/$name.json" "$@"
}

step "Lint and format" npm run -s lint
step "Type check (server: Node, no DOM; web: DOM, no Node)" npm run -s typecheck
step "Migrations match the schema" node scripts/check-migrations.mjs
step "Unit tests" vt unit --project unit
# The project's own cases always run; the team's shared folders beside the repository run in addition when present
# (a clone made anywhere else has none). The closing summary names the folders that ran.
case_dirs=(tests/cases)
absent_dirs=()
for d in ../shared/domain/cases ../shared/domain/cases-2026; do
  if [ -d "$d" ]; then case_dirs+=("$d"); else absent_dirs+=("$d"); fi
done
for d in "${case_dirs[@]}"; do
  step "Golden policy cases ($d)" npm run -s cases -- "$d"
done
step "Cases and unit tests from a copy with no ../shared beside it" bash scripts/test-standalone.sh
step "Integration tests on PGlite" vt integration-pglite --project integration
step "Integration tests on PostgreSQL" env TEST_DATABASE_URL="$TEST_PG_URL" \
  npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/integration-pg.json" --project integration
step "Web build" npx vite build --logLevel warn
export E2E_SERVER_LOG="$REPORTS/e2e.server.log" # the server's warnings and errors, for the closing tally
step "End-to-end journeys in Chromium (embedded database)" vt e2e --project e2e
E2E_DB="sme_e2e_$$"
pg_admin() { node -e 'const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),e=>{console.error(e.message);process.exit(1)})' "$TEST_PG_URL" "$1"; }
if pg_admin "CREATE DATABASE $E2E_DB"; then
  step "End-to-end journeys in Chromium (PostgreSQL)" env E2E_DATABASE_URL="${TEST_PG_URL%/*}/$E2E_DB" E2E_SERVER_LOG="$REPORTS/e2e-pg.server.log" \
    npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/e2e-pg.json" --project e2e
  pg_admin "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)" || true
else
  failures+=("Create the end-to-end database on PostgreSQL")
fi

printf 'Golden case folders run: %s\n' "${case_dirs[*]}"
if [ ${#absent_dirs[@]} -gt 0 ]; then printf 'Golden case folders absent (not run): %s\n' "${absent_dirs[*]}"; fi
node scripts/tally.mjs "$REPORTS" "${#failures[@]}"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'Failed steps:\n'
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
