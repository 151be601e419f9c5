#!/usr/bin/env bash
# A private single-node Trino (the engine Athena is built on) for the vault's cloud SQL: port 58080
# (NORTHWIND_TRINO_PORT) on loopback only, state and logs under .local/trino, a 2 GB heap
# (NORTHWIND_TRINO_HEAP_GB) of which a query may use half.
# Usage: scripts/local_trino.sh start|stop|status
#
# Catalog `iceberg`: the Iceberg connector on the local PostgreSQL JDBC catalog that Spark writes
# (database iceberg_catalog, Iceberg catalog name `local`, schema version V1) over the lake
# .local/iceberg/warehouse, read and written through Trino's native local file system. That file system
# needs local.location=/ for Spark's absolute file: locations, so a DROP could delete any path Trino may
# write: Trino therefore runs as the unprivileged user `trino`, which owns only the lake's warehouse and
# .local/trino. Tests add catalogs of their own state dirs at run time (CREATE CATALOG, see
# tests/trino/trino_engine.py); the catalog password reaches Trino through its environment, never a query.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
home="$root/.local/trino-server"
state="$root/.local/trino"
etc="$state/etc"
# The launcher runs in its data dir, and the file catalog store reads etc/catalog from there: data dir = state.
data="$state"
log="$state/server.log"
pidfile="$state/trino.pid"
port=${NORTHWIND_TRINO_PORT:-58080}
# Whole GB. 2 holds the vault at scale 100; a full build at scale 1000 needs more (sat_order_line's
# row_number over the first batch exceeded the 1 GB a query gets from a 2 GB heap).
heap_gb=${NORTHWIND_TRINO_HEAP_GB:-2}
[[ "$heap_gb" =~ ^[1-9][0-9]*$ ]] || {
  echo "NORTHWIND_TRINO_HEAP_GB=$heap_gb: expected a whole number of GB, such as 2" >&2
  exit 2
}
query_memory_mb=$((heap_gb * 512))
pg_port=${NORTHWIND_PG_PORT:-55432}
java_home=${NORTHWIND_TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
run_as=trino
warehouse="$root/.local/iceberg/warehouse"

pid() { [ -f "$pidfile" ] && cat "$pidfile"; }
alive() { local p; p=$(pid) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
ready() { curl -fsS "http://127.0.0.1:$port/v1/info" 2>/dev/null | grep -q '"starting":false'; }

ensure_user() {
  if ! id "$run_as" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir "$state" --shell /usr/sbin/nologin "$run_as"
  fi
}

# The user may traverse the repository path and read the install; it owns only its state and the lake.
grant_paths() {
  local d="$root/.local"
  while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d=$(dirname "$d"); done
  mkdir -p "$state" "$etc/catalog" "$warehouse"
  chmod -R o+rX "$home"
  chown -R "$run_as" "$state" "$warehouse"
}

write_config() {
  cat >"$etc/node.properties" <<CONF
node.environment=northwind
node.id=northwind-local
node.data-dir=$data
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
CONF
  # One node on a 2-core machine shared with Spark and PostgreSQL: a 2 GB heap is enough for the vault at
  # scale 100, and keeps the resident size near 0.5-1 GB.
  cat >"$etc/jvm.config" <<CONF
-server
-Xmx${heap_gb}G
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-XX:-UsePerfData
-XX:+EnableDynamicAgentLoading
-Duser.timezone=UTC
-Djdk.attach.allowAttachSelf=true
-Djava.io.tmpdir=$data/tmp
--enable-native-access=ALL-UNNAMED
CONF
  cat >"$etc/config.properties" <<CONF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$port
discovery.uri=http://127.0.0.1:$port
query.max-memory=${query_memory_mb}MB
query.max-memory-per-node=${query_memory_mb}MB
catalog.management=dynamic
catalog.store=file
CONF
  cat >"$etc/log.properties" <<CONF
io.trino=INFO
CONF
  write_catalog "$etc/catalog/iceberg.properties" iceberg_catalog local "$warehouse"
  chown -R "$run_as" "$etc"
  chmod 700 "$etc"
}

# write_catalog <file> <catalog database> <Iceberg catalog name> <warehouse>: the Iceberg connector's settings.
write_catalog() {
  cat >"$1" <<CONF
connector.name=iceberg
iceberg.catalog.type=jdbc
iceberg.jdbc-catalog.driver-class=org.postgresql.Driver
iceberg.jdbc-catalog.connection-url=jdbc:postgresql://127.0.0.1:$pg_port/$2
iceberg.jdbc-catalog.connection-user=northwind
iceberg.jdbc-catalog.connection-password=\${ENV:NORTHWIND_TRINO_CATALOG_PASSWORD}
iceberg.jdbc-catalog.catalog-name=$3
iceberg.jdbc-catalog.schema-version=V1
iceberg.jdbc-catalog.default-warehouse-dir=file://$4
iceberg.file-format=PARQUET
# No NDV sketches (Puffin files) on every write: Athena writes none either, and they were 13% of a build.
iceberg.extended-statistics.collect-on-write=false
fs.native-local.enabled=true
local.location=/
CONF
}

start() {
  if alive; then
    echo "local Trino already running on 127.0.0.1:$port"
    return 0
  fi
  [ -x "$java_home/bin/java" ] || {
    echo "Trino needs Java 25: no JDK at $java_home (set NORTHWIND_TRINO_JAVA_HOME, or install Temurin 25)" >&2
    exit 1
  }
  [ -x "$home/bin/launcher" ] || { echo "Trino is not installed: run scripts/setup-test.d/40-trino.sh" >&2; exit 1; }
  [ -f "$root/.local/postgres/password" ] || {
    echo "the local PostgreSQL holds Trino's catalog: run scripts/local_postgres.sh start first" >&2
    exit 1
  }
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port on 127.0.0.1 is taken by another process: set NORTHWIND_TRINO_PORT to a free port" >&2
    exit 1
  fi
  ensure_user
  grant_paths
  write_config
  mkdir -p "$data/tmp" && chown "$run_as" "$data/tmp"
  : >"$log" && chown "$run_as" "$log"
  # Run in the foreground of a detached process, as the trino user; the password is handed over in the
  # environment only (the catalog file says ${ENV:...}).
  NORTHWIND_TRINO_CATALOG_PASSWORD=$(cat "$root/.local/postgres/password") JAVA_HOME="$java_home" \
    setsid runuser -u "$run_as" --preserve-environment -- env PATH="$java_home/bin:$PATH" \
    "$home/bin/launcher" run --etc-dir "$etc" --data-dir "$data" >"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local waited=0
  until ready; do
    if ! alive; then
      echo "local Trino did not start on 127.0.0.1:$port; the end of $log:" >&2
      tail -n 15 "$log" >&2
      exit 1
    fi
    if [ "$waited" -ge 300 ]; then
      echo "local Trino did not become ready within 300 s; see $log" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "local Trino started on 127.0.0.1:$port (catalog iceberg, logs $log)"
}

stop() {
  if alive; then
    local p
    p=$(pid)
    # The launcher's process group: the JVM runs in the group setsid created.
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p"
    for _ in $(seq 1 30); do alive || break; sleep 1; done
    alive && kill -KILL -- "-$p" 2>/dev/null
    echo "stopped"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if alive && ready; then echo "running on 127.0.0.1:$port (state $state)"; else
      echo "not running"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
