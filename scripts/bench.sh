#!/usr/bin/env bash
# `npm run bench` — the benchmarks of bench/ (docs/performance.md). Installs what is missing, starts a private
# PostgreSQL server (fsync on) unless BENCH_DATABASE_URL names one, and runs bench/run.ts with the arguments
# given (e.g. `npm run bench -- --full`). The figures are printed and written to bench/results/latest.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=Asia/Shanghai
# shellcheck source=scripts/lib/machine.sh
. scripts/lib/machine.sh
ensure_machine --postgres

TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/sme-bench-XXXXXX")
trap 'stop_private_pg; rm -rf "$TMP_ROOT"' EXIT
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
  start_private_pg "$TMP_ROOT/pg" -c shared_buffers=512MB -c max_wal_size=4GB
  export BENCH_DATABASE_URL="$PRIVATE_PG_URL"
fi
export PATH="$(pg_bin):$PATH"
node --import tsx bench/run.ts "$@"
