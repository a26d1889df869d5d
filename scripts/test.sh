#!/usr/bin/env bash
# The one command that runs the whole test suite (the README's second command; .ci/run calls it).
#
# On a fresh machine it installs what is missing (Debian's Chromium, CJK fonts and PostgreSQL; node
# modules), starts its own PostgreSQL on a free loopback port unless TEST_DATABASE_URL is given, and runs:
# lint and format check, type checks (server and web), the migrations check, unit tests, the golden
# policy cases, integration tests on PGlite and on PostgreSQL, the web build, and end-to-end journeys
# in Chromium. It ends with one line "N passed, M failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export TZ=Asia/Shanghai
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=4096"

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- 1. what a fresh machine lacks
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
need_apt=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
installed fonts-noto-cjk || need_apt+=(fonts-noto-cjk)
if [ -z "${TEST_DATABASE_URL:-}" ] && [ -z "$(pg_bin)" ]; then need_apt+=(postgresql); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "Installing node modules (npm ci)"
  npm ci --no-audit --no-fund
fi

# ---------------------------------------------------------------- 2. a PostgreSQL server
TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/sme-test-XXXXXX")
export TMPDIR="$TMP_ROOT/tmp"
mkdir -p "$TMPDIR"
PG_DIR=""
cleanup() {
  if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP_ROOT"
}
trap cleanup EXIT
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  PG_DIR="$TMP_ROOT/pg"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR" && chmod 755 "$TMP_ROOT"
  PG_PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  log "Starting a private PostgreSQL ($(basename "$(dirname "$(pg_bin)")")) on 127.0.0.1:$PG_PORT"
  run_pg "$(pg_bin)/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c max_connections=200" start >/dev/null
  export TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
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
step "Golden policy cases (../shared/domain/cases)" npm run -s cases -- ../shared/domain/cases
step "Golden policy cases (tests/cases)" npm run -s cases -- tests/cases
step "Integration tests on PGlite" vt integration-pglite --project integration
step "Integration tests on PostgreSQL" env TEST_DATABASE_URL="$TEST_PG_URL" \
  npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/integration-pg.json" --project integration
step "Web build" npx vite build --logLevel warn
step "End-to-end journeys in Chromium (embedded database)" vt e2e --project e2e
E2E_DB="sme_e2e_$$"
pg_admin() { node -e 'const pg=require("pg");const c=new pg.Client({connectionString:process.argv[1]});c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),e=>{console.error(e.message);process.exit(1)})' "$TEST_PG_URL" "$1"; }
if pg_admin "CREATE DATABASE $E2E_DB"; then
  step "End-to-end journeys in Chromium (PostgreSQL)" env E2E_DATABASE_URL="${TEST_PG_URL%/*}/$E2E_DB" \
    npx vitest run --reporter=default --reporter=json --outputFile="$REPORTS/e2e-pg.json" --project e2e
  pg_admin "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)" || true
else
  failures+=("Create the end-to-end database on PostgreSQL")
fi

node scripts/tally.mjs "$REPORTS" "${#failures[@]}"
if [ ${#failures[@]} -gt 0 ]; then
  printf 'Failed steps:\n'
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
