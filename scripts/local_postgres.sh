#!/usr/bin/env bash
# A private PostgreSQL for local runs and tests: cluster under .local/postgres, port 55432 (NORTHWIND_PG_PORT)
# on loopback only, database "northwind" (the source) and "iceberg_catalog" (the local Iceberg JDBC catalog
# of .local/iceberg/warehouse). Usage: scripts/local_postgres.sh install|start|stop|status|load|env
#   install  PostgreSQL server binaries from Debian packages if the machine has none
#   start    install, init the cluster once, start it on NORTHWIND_PG_PORT (no-op when running there), create
#            the catalog database if missing, load Northwind if the database is new
#   load     replace the data: the real dump when NORTHWIND_SQL names one, else generated at NORTHWIND_SCALE (1)
#            and NORTHWIND_SEED (42); what was loaded is recorded in .local/postgres/loaded-source
#   ensure-loaded  load only when the recorded source differs from the one the settings ask for
#   env      print libpq settings (PGHOST...) for `eval`; the password stays in a 0600 file named by PGPASSFILE
# The server runs as the unprivileged `postgres` user (initdb refuses root). Credentials never reach logs:
# a generated password lives in .local/postgres/password and clients read it through PGPASSFILE.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.local/postgres"
data="$state/data"
sock="$state/run"
logs="$root/.local/logs"
port=${NORTHWIND_PG_PORT:-55432}
role=northwind
db=northwind
catalog_db=iceberg_catalog
run_as=postgres

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

install() {
  if [ -z "$(bin_dir)" ]; then
    echo "installing PostgreSQL from Debian packages"
    # No default cluster on 5432: we only want the binaries.
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    # shellcheck source=scripts/lib/apt.sh
    source scripts/lib/apt.sh
    apt_install postgresql
  fi
  if ! id "$run_as" >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin "$run_as"
  fi
}

pg() { runuser -u "$run_as" -- "$(bin_dir)/$1" "${@:2}"; }

running() { [ -f "$data/PG_VERSION" ] && pg pg_ctl -D "$data" status >/dev/null 2>&1; }

write_env_files() {
  # pgpass lets every libpq/psycopg client authenticate without the password in argv or env.
  printf '127.0.0.1:%s:*:%s:%s\n' "$port" "$role" "$(cat "$state/password")" >"$state/pgpass"
  chmod 600 "$state/pgpass"
}

init_cluster() {
  mkdir -p "$state" "$sock" "$logs"
  # The postgres user must reach the data directory through the repository path.
  local d="$state"
  while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  if [ ! -f "$state/password" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$state/password")
  fi
  write_env_files
  [ -f "$data/PG_VERSION" ] && return 0
  mkdir -p "$data"
  chown -R "$run_as" "$data" "$sock"
  local pwfile
  pwfile=$(mktemp)
  cp "$state/password" "$pwfile" && chown "$run_as" "$pwfile" && chmod 600 "$pwfile"
  pg initdb -D "$data" -U "$role" --pwfile="$pwfile" --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$logs/initdb.log" 2>&1 || { rm -f "$pwfile"; cat "$logs/initdb.log" >&2; exit 1; }
  rm -f "$pwfile"
  # Loopback only, private socket dir. The port is not written here: `start` passes NORTHWIND_PG_PORT each
  # time, so the server follows the setting. fsync off: this is disposable test data, and loads are 3x faster.
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 50
CONF
}

export_env() {
  export PGHOST=127.0.0.1 PGPORT="$port" PGUSER="$role" PGDATABASE="$db" PGPASSFILE="$state/pgpass"
}

psql_admin() { "$(bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

database_exists() {
  [ "$(psql_admin -tAc "select 1 from pg_database where datname = '$1'")" = "1" ]
}

# The port a running server listens on: line 4 of postmaster.pid.
running_port() { sed -n 4p "$data/postmaster.pid" 2>/dev/null; }

start() {
  install
  init_cluster
  export_env
  if running; then
    local actual
    actual=$(running_port)
    if [ -n "$actual" ] && [ "$actual" != "$port" ]; then
      echo "local PostgreSQL is already running on 127.0.0.1:$actual, not on NORTHWIND_PG_PORT=$port:" >&2
      echo "run '$0 stop' and start again to move it, or set NORTHWIND_PG_PORT=$actual" >&2
      exit 1
    fi
  else
    touch "$logs/postgres.log" && chown "$run_as" "$logs/postgres.log"
    # -p overrides any port an older cluster's postgresql.conf still names.
    if ! pg pg_ctl -D "$data" -l "$logs/postgres.log" -o "-p $port" -w -t 60 start >/dev/null; then
      # pg_ctl only says "examine the log output": show it (a taken port is the usual cause).
      echo "local PostgreSQL did not start on 127.0.0.1:$port; the end of $logs/postgres.log:" >&2
      tail -n 8 "$logs/postgres.log" >&2
      echo "(another server on port $port? set NORTHWIND_PG_PORT to use another port)" >&2
      exit 1
    fi
    echo "local PostgreSQL started on 127.0.0.1:$port"
  fi
  # Kept across `load`: the Iceberg tables in it describe the warehouse, not the source data.
  database_exists "$catalog_db" || psql_admin -c "create database $catalog_db owner $role"
  database_exists "$db" || load
}

# What the settings ask to load, in one line: the dump's path and mtime, or the generator's scale and seed.
requested_source() {
  if [ -n "${NORTHWIND_SQL:-}" ]; then
    [ -f "$NORTHWIND_SQL" ] || { echo "NORTHWIND_SQL=$NORTHWIND_SQL is not a file" >&2; exit 1; }
    echo "dump $(realpath "$NORTHWIND_SQL") $(stat -c %Y "$NORTHWIND_SQL")"
  else
    echo "generated scale=${NORTHWIND_SCALE:-1} seed=${NORTHWIND_SEED:-42}"
  fi
}

loaded_marker="$state/loaded-source"

load() {
  export_env
  running || { echo "local PostgreSQL is not running: run '$0 start' first" >&2; exit 1; }
  # Forget what was loaded before touching the database, so a failed load is never taken for a good one.
  rm -f "$loaded_marker"
  psql_admin -c "set client_min_messages = warning" -c "drop database if exists $db with (force)" -c "create database $db owner $role"
  if [ -n "${NORTHWIND_SQL:-}" ]; then
    [ -f "$NORTHWIND_SQL" ] || { echo "NORTHWIND_SQL=$NORTHWIND_SQL is not a file" >&2; exit 1; }
    "$(bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$NORTHWIND_SQL" >/dev/null
    echo "loaded the Northwind dump $(basename "$NORTHWIND_SQL") into $db"
  else
    PYTHONPATH="$root/glue_job:$root/datagen" "$root/.venv/bin/python" -m northwind_datagen generate \
      --scale "${NORTHWIND_SCALE:-1}" --seed "${NORTHWIND_SEED:-42}"
  fi
  requested_source >"$loaded_marker"
}

ensure_loaded() {
  if [ -f "$loaded_marker" ] && [ "$(cat "$loaded_marker")" = "$(requested_source)" ]; then
    echo "already loaded: $(cat "$loaded_marker")"
  else
    load
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop)
    if [ -n "$(bin_dir)" ] && running; then pg pg_ctl -D "$data" -m fast -w stop >/dev/null && echo "stopped"; fi
    ;;
  status)
    if [ -n "$(bin_dir)" ] && running; then echo "running on 127.0.0.1:$(running_port) (data $data)"; else
      echo "not running"
      exit 3
    fi
    ;;
  load) load ;;
  ensure-loaded) ensure_loaded ;;
  env)
    echo "export PGHOST=127.0.0.1 PGPORT=$port PGUSER=$role PGDATABASE=$db PGPASSFILE=$state/pgpass"
    ;;
  *)
    echo "usage: $0 install|start|stop|status|load|ensure-loaded|env" >&2
    exit 2
    ;;
esac
