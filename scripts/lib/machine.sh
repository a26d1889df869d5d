# Shared by scripts/test.sh and scripts/bench.sh (sourced, not run): installs what a fresh Debian machine lacks
# and starts a private PostgreSQL server on a free loopback port, stopped again when the calling script exits.

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# ensure_machine [--browser] [--postgres]: Debian packages (Chromium + CJK fonts, the PostgreSQL server
# binaries) and node modules, each only when missing.
ensure_machine() {
  local need=()
  for want in "$@"; do
    case "$want" in
      --browser)
        command -v chromium >/dev/null 2>&1 || need+=(chromium)
        deb_installed fonts-noto-cjk || need+=(fonts-noto-cjk)
        ;;
      --fonts) deb_installed fonts-noto-cjk || need+=(fonts-noto-cjk) ;;
      --postgres) [ -n "$(pg_bin)" ] || need+=(postgresql) ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    log "Installing Debian packages: ${need[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "Installing node modules (npm ci)"
    npm ci --no-audit --no-fund
  fi
}

# start_private_pg DIR [extra server options…]: initdb + start on a free port; sets PRIVATE_PG_URL.
PRIVATE_PG_DIR=""
start_private_pg() {
  PRIVATE_PG_DIR=$1
  shift
  mkdir -p "$PRIVATE_PG_DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PRIVATE_PG_DIR"
    chmod 755 "$(dirname "$PRIVATE_PG_DIR")"
  fi
  local port
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  log "Starting a private PostgreSQL ($(basename "$(dirname "$(pg_bin)")")) on 127.0.0.1:$port"
  run_pg "$(pg_bin)/initdb" -D "$PRIVATE_PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$(pg_bin)/pg_ctl" -D "$PRIVATE_PG_DIR/data" -l "$PRIVATE_PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PRIVATE_PG_DIR -c fsync=on -c max_connections=200 $*" start >/dev/null
  PRIVATE_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_private_pg() {
  if [ -n "$PRIVATE_PG_DIR" ] && [ -f "$PRIVATE_PG_DIR/data/postmaster.pid" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$PRIVATE_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
}
