#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for tests and prints the URL to export as VIGEVANO_TEST_POSTGRES_URL.
#   eval "$(bash scripts/throwaway-postgres.sh start)"   # sets VIGEVANO_TEST_POSTGRES_URL and PGTHROWAWAY_DIR
#   bash scripts/throwaway-postgres.sh stop "$PGTHROWAWAY_DIR"
# Needs Debian's postgresql package. initdb refuses to run as root, so as root the cluster belongs to `postgres`.
set -euo pipefail
cmd=${1:-start}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    port=${PGTHROWAWAY_PORT:-55432}
    dir=$(mktemp -d /tmp/vigevano-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off by default: a test cluster is thrown away, and durability of the real store is tested on SQLite
    # files. PGTHROWAWAY_DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on), as
    # production runs it: `npm run bench:sync` measures with that.
    durability="-c fsync=off"
    [ "${PGTHROWAWAY_DURABLE:-0}" = 1 ] && durability=""
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=300" start >&2
    echo "export PGTHROWAWAY_DIR=$dir"
    echo "export VIGEVANO_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
